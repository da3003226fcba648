import { isOllamaChunk } from '../formats/ollama.ts'
import { tryParse } from '../formats/json.ts'
import { resolveFormat } from '../formats/resolve-format.ts'
import type { StreamFormat, StreamFraming } from '../parts.ts'

/** One message as a transport received it: the data, and for EventSource its name and id. */
export interface WireMessage {
  data: string
  /** The event name; `'message'` (or none) for unnamed events. */
  event?: string
  /** The last event ID after this message (EventSource's `lastEventId`). */
  id?: string
}

/** A response body fed one message at a time, in the wire format the decoders read. */
export interface WireBody {
  /** The body to hand to the decoders. */
  response: Response
  push(message: WireMessage): void
  /** The connection closed cleanly: the decoder decides whether that was the end. */
  close(): void
  /** The connection failed: the decoder reports a (retryable) network error. */
  fail(error: Error): void
}

const contentTypes: Record<StreamFraming, string> = {
  sse: 'text/event-stream',
  ndjson: 'application/x-ndjson',
  text: 'text/plain; charset=utf-8',
}

/** The framing a named format reads; undefined for `'auto'`, decided by the first message. */
function framingOf(format: StreamFormat): StreamFraming | undefined {
  return resolveFormat(format)?.framing
}

/**
 * `'auto'`: a first message that is not JSON is text; one shaped like an Ollama line is
 * NDJSON; any other JSON is the data of an SSE event, whose shape then picks the provider.
 */
function guessFraming(first: string): StreamFraming {
  const parsed = tryParse(first)
  if (!parsed) return 'text'
  return isOllamaChunk(parsed.value) ? 'ndjson' : 'sse'
}

/** One message as the bytes a fetch response of `framing` would have carried. */
function encode(framing: StreamFraming, message: WireMessage, idChanged: boolean): string {
  if (framing === 'text') return message.data
  if (framing === 'ndjson') return message.data.endsWith('\n') ? message.data : `${message.data}\n`
  let out = ''
  // WHATWG: an id line without a value resets the last event ID to ''.
  if (idChanged) out += message.id ? `id: ${message.id}\n` : 'id\n'
  if (message.event && message.event !== 'message') out += `event: ${message.event}\n`
  for (const line of message.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`
  return `${out}\n`
}

/**
 * A `Response` whose body is made of the messages an EventSource or a WebSocket received,
 * re-encoded in the framing of `format` (an SSE event a message, an NDJSON line a message, or
 * the text itself), so that every format decodes them exactly as it decodes a fetched body:
 * the same detection, terminators, ids, errors and truncation. `onCancel` runs once when the
 * reader goes away (a stop, a terminator, a timeout): the transport closes its connection.
 */
export function createWireBody(format: StreamFormat, onCancel: () => void): WireBody {
  let framing = framingOf(format)
  const utf8 = new TextEncoder()
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let open = true
  let lastId: string | undefined
  // `error()` discards the chunks still queued: a failure waits until the reader took them.
  let pendingError: Error | undefined
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
    pull() {
      if (pendingError) controller.error(pendingError)
    },
    cancel() {
      open = false
      onCancel()
    },
  })
  // 'auto' sends no Content-Type: the decoder sniffs the first bytes, as for any such body.
  const headers = new Headers(framing ? { 'content-type': contentTypes[framing] } : {})
  return {
    response: new Response(stream, { status: 200, headers }),
    push(message) {
      if (!open) return
      framing ??= guessFraming(message.data)
      const idChanged = message.id !== undefined && message.id !== (lastId ?? '')
      if (message.id !== undefined) lastId = message.id
      controller.enqueue(utf8.encode(encode(framing, message, idChanged)))
    },
    close() {
      if (!open) return
      open = false
      controller.close()
    },
    fail(error) {
      if (!open) return
      open = false
      if ((controller.desiredSize ?? 0) > 0) controller.error(error)
      else pendingError = error
    },
  }
}
