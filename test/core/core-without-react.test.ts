import { expect, test, vi } from 'vitest'

// Stricter than a stub: any import of React from rivulet/core fails the test.
vi.mock('react', () => {
  throw new Error('rivulet/core imported react')
})
vi.mock('react-dom', () => {
  throw new Error('rivulet/core imported react-dom')
})

test('rivulet/core loads with react made unresolvable', async () => {
  const core = await import('rivulet/core')
  expect(typeof core.StreamError).toBe('function')
  expect(typeof core.isStreamError).toBe('function')
})
