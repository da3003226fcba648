/**
 * Calls a user callback or subscriber so that it cannot break the stream or chat that calls it:
 * what it throws is rethrown in a microtask, outside that work (as React reports an error thrown
 * by an event handler), so it still reaches the console, `window.onerror` or
 * `process.on('uncaughtException')`.
 */
export function safeCall<T>(fn: ((arg: T) => void) | undefined, arg: T): void {
  if (!fn) return
  try {
    fn(arg)
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}
