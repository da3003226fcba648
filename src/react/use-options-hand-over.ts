import { useInsertionEffect } from 'react'

/**
 * Hands each committed render's options to a long-lived controller (`setOptions`), so the next
 * request sees the url, body, headers and callbacks of the last render — every option, with no
 * list of keys to keep up to date. Done in an insertion effect: it runs before any layout
 * effect, effect or event handler that could start a request, and never during render (a
 * discarded concurrent render must not leak its props). A bound controller (`undefined` here)
 * is left as its owner configured it.
 */
export function useOptionsHandOver<T>(
  controller: { setOptions(options: T): void } | undefined,
  options: T,
): void {
  useInsertionEffect(() => {
    controller?.setOptions(options)
  })
}
