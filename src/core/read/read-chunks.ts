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
   * once the signal aborts, `'network'` when reading fails: `pull`, then `take`, in one call.
   */
  read(): Promise<Uint8Array | undefined>
  /**
   * `read()` in halves, for the loops that read every chunk of a stream: the body's own read,
   * with no promise of its own (an async wrapper costs a promise and a tick per chunk, which
   * shows at small chunks). Pass what it settles with to `take`, a rejection to `failed`.
   */
  pull(): Promise<ReadableStreamReadResult<unknown>>
  /** The chunk of a pulled result, undefined once the body ended; throws once aborted. */
  take(result: ReadableStreamReadResult<unknown>): Uint8Array | undefined
  /**
   * The error a rejected `pull` or a throwing `take` stands for: `'aborted'` once the signal
   * aborted, else the body's own `StreamError` or a `'network'` one. The body is released.
   */
  failed(cause: unknown): StreamError
  /** Releases the body (and with it the connection); a no-op once it ended. */
  cancel(): void
}

const ended: ReadableStreamReadResult<unknown> = { done: true, value: undefined }

/**
 * Opens a body for reading, chunk by chunk. Calls, not a generator: the decoders that sit on
 * it take a whole chunk at once, and an async generator between them and the body would cost
 * a promise hop per chunk (`pull` and `take` spare even the hop of an async call). Aborting
 * `signal` cancels the body, which settles a pending read at once, so an abort never waits for
 * the server.
 */
export function openChunks(
  body: ReadableStream<Uint8Array> | null | undefined,
  { signal, onBytes }: ReadChunksOptions = {},
): ChunkReader {
  // `response.body` is null for a response without content (a 204): nothing to read.
  const reader = body ? (body as ReadableStream<unknown>).getReader() : undefined
  const onAbort = () => void reader?.cancel(signal?.reason).catch(() => {})
  let open = reader !== undefined
  const cancel = () => {
    if (!open) return
    open = false
    signal?.removeEventListener('abort', onAbort)
    // A no-op on a finished body; releases the connection when the consumer stopped early.
    void reader!.cancel().catch(() => {})
  }
  // Releases the body and says why reading ends (once `signal` aborted).
  const stop = (aborted: AbortSignal) => {
    cancel()
    return abortedError(aborted)
  }
  if (reader) {
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
  }
  const chunks: ChunkReader = {
    // An aborted or finished reader reads as ended; `take` then tells which.
    pull: () => (open && !signal?.aborted ? reader!.read() : Promise.resolve(ended)),
    take(result) {
      if (signal?.aborted) throw stop(signal)
      if (result.done) {
        cancel()
        return undefined
      }
      const bytes = asBytes(result.value)
      onBytes?.(bytes.byteLength)
      return bytes
    },
    failed(cause) {
      if (signal?.aborted) return stop(signal)
      cancel()
      // A body that knows why it failed (a transport's HTTP close code) says so itself.
      if (cause instanceof StreamError) return cause
      return new StreamError('network', 'Reading the response body failed', { cause })
    },
    read: () => readChunk(chunks),
    cancel,
  }
  return chunks
}

/** The next chunk of `reader`: `pull`, then `take`, as one call (what `read()` does). */
async function readChunk(reader: ChunkReader): Promise<Uint8Array | undefined> {
  try {
    return reader.take(await reader.pull())
  } catch (cause) {
    throw reader.failed(cause)
  }
}
