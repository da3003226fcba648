import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// RTL registers its own cleanup only when test globals are on; they are off here.
afterEach(cleanup)
