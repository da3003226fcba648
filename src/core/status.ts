/**
 * Where a stream is in its life. Active: `connecting | streaming | retrying`;
 * terminal: `done | error | aborted`.
 */
export type StreamStatus =
  'idle' | 'connecting' | 'streaming' | 'retrying' | 'done' | 'error' | 'aborted'

/**
 * True while a request is under way (connecting, streaming or waiting to retry).
 * Every "loading" boolean in rivulet is derived from this, never stored.
 *
 * @example
 * const isLoading = isActive(stream.getSnapshot().status)
 */
export function isActive(status: StreamStatus): boolean {
  return status === 'connecting' || status === 'streaming' || status === 'retrying'
}

/** True once a stream has ended: finished, failed or stopped. */
export function isTerminal(status: StreamStatus): boolean {
  return status === 'done' || status === 'error' || status === 'aborted'
}
