import { StreamError } from '../errors.ts'

/** Options shared by the readers that pull a body chunk by chunk. */
export interface ReadChunksOptions {
  signal?: AbortSignal
  /** Called with the size of every chunk as it arrives. */
  onBytes?(n: number): void
}

/** The error a read that was aborted by `signal` ends with (kind `aborted`, its reason as cause). */
export function abortedError(signal: AbortSignal): StreamError {
  return new StreamError('aborted', 'The stream was aborted', { cause: signal.reason })
}

const encoder = new TextEncoder()

// Bodies built by hand sometimes enqueue strings or ArrayBuffers; read them as their bytes.
function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk
  // isView and the tag also hold for arrays from another realm (a worker, an iframe, jsdom).
  if (ArrayBuffer.isView(chunk)) {
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  }
  if (typeof chunk === 'string') return encoder.encode(chunk)
  if (Object.prototype.toString.call(chunk) === '[object ArrayBuffer]') {
    return new Uint8Array(chunk as ArrayBuffer)
  }
  throw new TypeError(`A response body chunk must be bytes, got ${typeof chunk}`)
}

/**
 * Yields the chunks of a body as they arrive. Failures are `StreamError`s: kind `'aborted'`
 * once `signal` aborts, `'network'` when reading fails. Aborting, or a consumer that stops
 * early, cancels the body so the connection is released.
 */
export async function* readChunks(
  body: ReadableStream<Uint8Array> | null | undefined,
  { signal, onBytes }: ReadChunksOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  if (signal?.aborted) {
    await body?.cancel(signal.reason).catch(() => {})
    throw abortedError(signal)
  }
  // `response.body` is null for a response without content (a 204): nothing to read.
  if (body === null || body === undefined) return
  const reader = (body as ReadableStream<unknown>).getReader()
  // Cancelling settles a pending read() at once, so an abort never waits for the server.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    while (true) {
      let result: ReadableStreamReadResult<unknown>
      try {
        result = await reader.read()
      } catch (cause) {
        if (signal?.aborted) throw abortedError(signal)
        // A body that knows why it failed (a transport's HTTP close code) says so itself.
        if (cause instanceof StreamError) throw cause
        throw new StreamError('network', 'Reading the response body failed', { cause })
      }
      if (signal?.aborted) throw abortedError(signal)
      if (result.done) return
      const bytes = asBytes(result.value)
      onBytes?.(bytes.byteLength)
      yield bytes
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    // A no-op on a finished body; releases the connection when the consumer stopped early.
    void reader.cancel().catch(() => {})
  }
}

/**
 * Runs a reader over a body and ends it quietly when `signal` aborts: the caller asked to
 * stop, as `reader.cancel()` does. Read failures still throw (a `network` `StreamError`).
 */
export async function* untilAborted<T>(
  reading: AsyncGenerator<T, void, undefined>,
): AsyncGenerator<T, void, undefined> {
  try {
    yield* reading
  } catch (error) {
    if (error instanceof StreamError && error.kind === 'aborted') return
    throw error
  }
}
