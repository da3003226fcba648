import { useInsertionEffect, useRef } from 'react'

/**
 * A ref that always holds the value of the last committed render, for callbacks and options
 * a long-lived controller reads later (the AI SDK's latestRef). Updated in an insertion effect,
 * which runs before any layout effect, effect or event handler that could read it, and never
 * during render (a discarded concurrent render must not leak its props).
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value)
  useInsertionEffect(() => {
    ref.current = value
  })
  return ref
}
