import { createParser } from 'eventsource-parser'
import type { SSEMessage } from '../parts.ts'
import { defaultMaxEventSize, eventTooLarge } from './limits.ts'
import { createOpenBlockTracker } from './open-block.ts'
import { openChunks } from './read-chunks.ts'
import type { StreamError } from '../errors.ts'
import { iterateChunks, skip, stop, type ChunkFramer } from './iterate-chunks.ts'

/** Options of {@link readSSE}. */
export interface ReadSSEOptions {
  /** Stops reading and cancels the body; the iteration then ends (it does not throw). */
  signal?: AbortSignal
  /**
   * The longest line or event, in characters: a longer one throws a `'parse'` `StreamError`
   * (not retryable) instead of growing memory. @defaultValue 4 MiB
   */
  maxEventSize?: number
  /** The server's `retry:` field, in ms (only values made of ASCII digits count). */
  onRetry?(ms: number): void
  /**
   * Called whenever an event block sets the last event ID (also to `''`), even a block
   * that carries no data and so dispatches no message.
   */
  onId?(id: string): void
}

/**
 * What the event-stream parser found, in stream order. `cut`, always last: the body ended
 * inside a block (bytes after the last blank line), which the spec discards undispatched.
 */
export type SSEEntry =
  /** `ownId`: the message's block had an `id:` field (its id is not carried forward). */
  | { type: 'message'; message: SSEMessage; ownId: boolean }
  | { type: 'id'; id: string }
  | { type: 'retry'; ms: number }
  | { type: 'cut' }

const none: SSEEntry[] = []

/**
 * Parses decoded event-stream entries from raw chunks, following the WHATWG algorithm via
 * eventsource-parser, one chunk at a time: each call returns what that chunk completed, so
 * the readers above it move whole chunks, not single events. Ids and retries come as
 * entries in order with the messages, so a consumer that stops after message n never sees
 * the id of message n + 1. At the end of the body, `cut` follows the entries if the body
 * ended inside a block.
 */
export function createSSEFramer(maxEventSize: number = defaultMaxEventSize): ChunkFramer<SSEEntry> {
  let tooLarge = false
  let queue: SSEEntry[] = []
  // The spec's last event ID buffer is never reset between events: a message without an
  // `id:` field carries the previous one.
  let lastEventId: string | undefined
  const parser = createParser({
    // The parser buffers the open line and the event's data: bounded, it stops on overflow.
    maxBufferSize: maxEventSize,
    onError(error) {
      if (error.type === 'max-buffer-size-exceeded') tooLarge = true
    },
    onId(id) {
      if (tooLarge) return
      lastEventId = id
      queue.push({ type: 'id', id })
    },
    onRetry(ms) {
      queue.push({ type: 'retry', ms })
    },
    onEvent({ data, event, id }) {
      // An event that arrived whole in one chunk never sat in the parser's buffer.
      if (tooLarge || data.length > maxEventSize) {
        tooLarge = true
        return
      }
      const message: SSEMessage = { data }
      if (event !== undefined) message.event = event
      if (lastEventId !== undefined) message.id = lastEventId
      queue.push({ type: 'message', message, ownId: id !== undefined })
    },
  })
  // The spec's UTF-8 decode strips exactly one leading BOM, split across chunks or not; the
  // decoder does that. The parser would strip a BOM again (and a latin-1 "ï»¿" too), so a
  // first blank line, which dispatches nothing, ends its own BOM check before any input.
  const decoder = new TextDecoder('utf-8')
  const block = createOpenBlockTracker()
  parser.feed('\n')
  let error: StreamError | undefined
  // Takes the whole batch at once, leaving a fresh queue for the next chunk.
  const drain = () => {
    if (tooLarge) error ??= eventTooLarge('an event', maxEventSize)
    if (queue.length === 0) return none
    const entries = queue
    queue = []
    return entries
  }
  const take = (text: string) => {
    if (text && !error) {
      parser.feed(text)
      block.feed(text)
    }
  }
  return {
    feed(chunk) {
      take(decoder.decode(chunk, { stream: true }))
      return drain()
    },
    end() {
      // Flush a dangling partial character. An unterminated last block is not dispatched
      // (no `reset({ consume: true })`): the spec discards it.
      take(decoder.decode())
      const entries = drain()
      if (error || !block.open) return entries
      return [...entries, { type: 'cut' }]
    },
    get error() {
      return error
    },
  }
}

/**
 * Reads a server-sent events body message by message, exactly as the WHATWG event-stream
 * algorithm does: any byte split gives the same messages; CR, LF and CRLF end lines; one
 * leading BOM is stripped; a last block without its blank line is never dispatched.
 *
 * `event` is left out when the block had no (or an empty) `event:` field — a browser would
 * report `'message'`. `id` is the stream's last event ID when the message was dispatched
 * (carried forward from earlier blocks), left out while no id was ever set.
 *
 * Aborting `signal` cancels the body and ends the iteration at once; a failed read throws a
 * `StreamError` of kind `'network'` after the messages that arrived whole.
 *
 * @example
 * for await (const message of readSSE(response.body!, { signal })) console.log(message.data)
 */
export function readSSE(
  body: ReadableStream<Uint8Array>,
  options: ReadSSEOptions = {},
): AsyncGenerator<SSEMessage, void, undefined> {
  const { signal } = options
  const open = () => openChunks(body, { signal })
  return iterateChunks(open, createSSEFramer(options.maxEventSize), (entry) => {
    // Messages already parsed from the last chunk are not delivered after an abort.
    if (signal?.aborted) return stop
    if (entry.type === 'message') return entry.message
    if (entry.type === 'id') options.onId?.(entry.id)
    else if (entry.type === 'retry') options.onRetry?.(entry.ms)
    return skip
  })
}
