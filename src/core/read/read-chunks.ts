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

/** Reads a body chunk by chunk: what {@link openChunks} returns. */
export interface ChunkReader {
  /**
   * The next chunk, undefined once the body ended. Throws a `StreamError`: kind `'aborted'`
   * once the signal aborts, `'network'` when reading fails.
   */
  read(): Promise<Uint8Array | undefined>
  /** Releases the body (and with it the connection); a no-op once it ended. */
  cancel(): void
}

/**
 * Opens a body for reading, chunk by chunk. A plain async call per chunk, not a generator:
 * the decoders that sit on it take a whole chunk at once, and an async generator between
 * them and the body would cost a promise hop per chunk. Aborting `signal` cancels the body,
 * which settles a pending read at once, so an abort never waits for the server.
 */
export function openChunks(
  body: ReadableStream<Uint8Array> | null | undefined,
  { signal, onBytes }: ReadChunksOptions = {},
): ChunkReader {
  // `response.body` is null for a response without content (a 204): nothing to read.
  if (body === null || body === undefined) {
    return {
      read: async () => {
        if (signal?.aborted) throw abortedError(signal)
        return undefined
      },
      cancel() {},
    }
  }
  const reader = (body as ReadableStream<unknown>).getReader()
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {})
  let open = true
  const cancel = () => {
    if (!open) return
    open = false
    signal?.removeEventListener('abort', onAbort)
    // A no-op on a finished body; releases the connection when the consumer stopped early.
    void reader.cancel().catch(() => {})
  }
  if (signal?.aborted) onAbort()
  else signal?.addEventListener('abort', onAbort, { once: true })
  return {
    async read() {
      if (!open && !signal?.aborted) return undefined
      if (signal?.aborted) {
        cancel()
        throw abortedError(signal)
      }
      let result: ReadableStreamReadResult<unknown>
      try {
        result = await reader.read()
      } catch (cause) {
        cancel()
        if (signal?.aborted) throw abortedError(signal)
        // A body that knows why it failed (a transport's HTTP close code) says so itself.
        if (cause instanceof StreamError) throw cause
        throw new StreamError('network', 'Reading the response body failed', { cause })
      }
      if (signal?.aborted) {
        cancel()
        throw abortedError(signal)
      }
      if (result.done) {
        cancel()
        return undefined
      }
      const bytes = asBytes(result.value)
      onBytes?.(bytes.byteLength)
      return bytes
    },
    cancel,
  }
}

/**
 * Yields the chunks of a body as they arrive. Failures are `StreamError`s: kind `'aborted'`
 * once `signal` aborts, `'network'` when reading fails. Aborting, or a consumer that stops
 * early, cancels the body so the connection is released.
 */
export async function* readChunks(
  body: ReadableStream<Uint8Array> | null | undefined,
  options: ReadChunksOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  yield* chunksOf(openChunks(body, options))
}

/** The chunks of `reader` as an async iterable; stopping early cancels the body. */
export async function* chunksOf(reader: ChunkReader): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    for (let chunk = await reader.read(); chunk; chunk = await reader.read()) yield chunk
  } finally {
    reader.cancel()
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
