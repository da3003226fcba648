import { renderHook } from '@testing-library/react'
import { version, useId } from 'react'
import { version as domVersion } from 'react-dom'
import { describe, expect, test } from 'vitest'

// The hooks and components tests run twice: on React 19 (project dom) and on React 18
// (project react18, through aliases). Each run must see its own major, and only one React.
describe('the React under test', () => {
  test('is the major the project names, for react and react-dom alike', ({ task }) => {
    const major = task.file.projectName === 'react18' ? '18' : '19'
    expect(version.split('.')[0]).toBe(major)
    expect(domVersion.split('.')[0]).toBe(major)
  })

  test('is the one @testing-library/react renders with', () => {
    // A hook called under a second copy of React throws "Invalid hook call".
    const { result } = renderHook(() => useId())
    expect(result.current).not.toBe('')
  })
})
