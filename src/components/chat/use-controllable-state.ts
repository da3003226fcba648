import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * A value that is controlled (`prop` + `onChange`) or uncontrolled (`defaultProp`), as Radix's
 * `useControllableState`: the same setter works in both modes.
 */
export function useControllableState<T>(
  prop: T | undefined,
  defaultProp: T,
  onChange: ((value: T) => void) | undefined,
): [T, (value: T) => void] {
  const [own, setOwn] = useState(defaultProp)
  const controlled = prop !== undefined
  const value = controlled ? prop : own
  const latest = useRef(onChange)
  useEffect(() => {
    latest.current = onChange
  })
  const set = useCallback(
    (next: T) => {
      if (!controlled) setOwn(next)
      latest.current?.(next)
    },
    [controlled],
  )
  return [value, set]
}
