/**
 * `start(input)` sends its input as the request body, and `<button onClick={start}>` passes
 * the click event. An event is never meant as a body (and JSON cannot hold one), so it counts
 * as no input: React's synthetic events by their `nativeEvent`, DOM events by type.
 */
export function withoutEvent(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input
  if ('nativeEvent' in input && 'currentTarget' in input) return undefined
  if (typeof Event !== 'undefined' && input instanceof Event) return undefined
  return input
}
