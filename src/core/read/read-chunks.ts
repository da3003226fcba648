import { StreamError } from '../errors.ts'

/** Options shared by the readers that pull a body chunk by chunk. */
export interface ReadChunksOptions {
  signal?: AbortSignal
  /** Called with the size of every chunk as it arrives. */
  onBytes?(n: number): void
}

function aborted(signal: AbortSignal): StreamError {
  return new StreamError('aborted', 'The stream was aborted', { cause: signal.reason })
}

/**
 * Yields the chunks of a body as they arrive. Failures are `StreamError`s: kind `'aborted'`
 * once `signal` aborts, `'network'` when reading fails. Aborting, or a consumer that stops
 * early, cancels the body so the connection is released.
 */
export async function* readChunks(
  body: ReadableStream<Uint8Array>,
  { signal, onBytes }: ReadChunksOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  if (signal?.aborted) {
    await body.cancel(signal.reason).catch(() => {})
    throw aborted(signal)
  }
  const reader = body.getReader()
  // Cancelling settles a pending read() at once, so an abort never waits for the server.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    while (true) {
      let result: ReadableStreamReadResult<Uint8Array>
      try {
        result = await reader.read()
      } catch (cause) {
        if (signal?.aborted) throw aborted(signal)
        throw new StreamError('network', 'Reading the response body failed', { cause })
      }
      if (signal?.aborted) throw aborted(signal)
      if (result.done) return
      onBytes?.(result.value.byteLength)
      yield result.value
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    // A no-op on a finished body; releases the connection when the consumer stopped early.
    void reader.cancel().catch(() => {})
  }
}
