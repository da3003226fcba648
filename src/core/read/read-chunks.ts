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
  // Releases the body and says why reading ends (once `signal` aborted).
  const stop = (aborted: AbortSignal) => {
    cancel()
    return abortedError(aborted)
  }
  if (signal?.aborted) onAbort()
  else signal?.addEventListener('abort', onAbort, { once: true })
  return {
    async read() {
      if (signal?.aborted) throw stop(signal)
      if (!open) return undefined
      let result: ReadableStreamReadResult<unknown>
      try {
        result = await reader.read()
      } catch (cause) {
        if (signal?.aborted) throw stop(signal)
        cancel()
        // A body that knows why it failed (a transport's HTTP close code) says so itself.
        if (cause instanceof StreamError) throw cause
        throw new StreamError('network', 'Reading the response body failed', { cause })
      }
      if (signal?.aborted) throw stop(signal)
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
