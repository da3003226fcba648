import { StreamError, isStreamError } from '../errors.ts'
import type {
  FormatAdapter,
  SSEMessage,
  StreamFormat,
  StreamFraming,
  StreamPart,
} from '../parts.ts'
import { abortedError, readChunks } from '../read/read-chunks.ts'
import { parsePartialJson } from '../text/partial-json.ts'
import { detectFormat, framingOfContentType } from './detect.ts'
import { cutBlock, frameMessages, lineText, type MessageBoundary } from './frame-messages.ts'
import { parseJson, tryParse } from './json.ts'
import { defaultMaxEventSize, readWholeText } from '../read/limits.ts'
import { decodeCompletion } from './completion.ts'
import { resolveFormat } from './resolve-format.ts'
import { sniffBody } from './sniff.ts'

/** Options of {@link decodeResponse}. */
export interface DecodeOptions {
  /** Stops reading and cancels the body; the stream then ends with an `aborted` error part. */
  signal?: AbortSignal
  /**
   * SSE: called whenever an event block sets the last event ID (also to `''`), even a block
   * that dispatches no event — in stream order with the parts, so after the parts of message
   * n only ids up to message n were reported. Use it to resume with `Last-Event-ID`.
   */
  onId?(id: string): void
  /** SSE: the server's `retry:` field in ms (only values made of ASCII digits). */
  onRetry?(ms: number): void
  /** The size of every raw chunk as it arrives (for metrics). */
  onBytes?(n: number): void
  /**
   * The longest SSE line or event, NDJSON line or JSON document read whole, in characters;
   * beyond it the stream ends with a non-retryable `parse` error instead of growing memory.
   * @defaultValue 4 MiB
   */
  maxEventSize?: number
}

// A whole JSON document: application/json or a `+json` type (problem+json, vnd.api+json).
function isJsonType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))
}

// Blank SSE data (a keep-alive `data:`) says nothing, so it cannot decide `auto`; an
// error event still counts.
function isBlankMessage(framing: StreamFraming, message: unknown): boolean {
  if (framing !== 'sse') return false
  const { data, event } = message as SSEMessage
  return data.trim() === '' && event !== 'error'
}

// A custom adapter may put a plain Error in an error part; it becomes a parse error.
function asStreamError(error: unknown, name: string): StreamError {
  if (error instanceof StreamError) return error
  if (isStreamError(error) && typeof error.withPartialText === 'function') return error
  const text = error instanceof Error ? error.message : String(error)
  return new StreamError('parse', `${name}: ${text}`, { cause: error })
}

// An NDJSON line parsed; a last line without its newline that is the start of a JSON value
// was cut off by the end of the body: the stream is truncated, not malformed.
function parseLine(adapter: FormatAdapter, message: unknown): unknown {
  const line = lineText(message)
  if (typeof message !== 'string' && !tryParse(line)) {
    if (parsePartialJson(line).state === 'partial') {
      throw new StreamError('truncated', `${adapter.name}: the stream ended inside a line`)
    }
  }
  return parseJson(line, adapter.name)
}

function decodeOne(adapter: FormatAdapter, message: unknown): StreamPart[] {
  try {
    // The framer gives each framing its own kind of message: the one place it is named.
    const parts =
      adapter.framing === 'ndjson'
        ? adapter.decode(parseLine(adapter, message))
        : adapter.framing === 'sse'
          ? adapter.decode(message as SSEMessage)
          : adapter.decode(message as string)
    // A custom adapter may return nothing for a message it skips.
    return Array.isArray(parts) ? parts : []
  } catch (error) {
    // A custom adapter that throws anything but a StreamError could not read the message.
    return [{ type: 'error', error: asStreamError(error, adapter.name) }]
  }
}

/**
 * Decodes a response body into stream parts, in order: text, data, and at most one `finish`
 * (reason and usage gathered across the stream) as the last part — when the format's
 * terminator arrives, or at the end of the body for formats without one. It never throws for
 * what happens on the wire: a failed read is an `error` part of kind `'network'` (`'aborted'`
 * once `signal` aborts), a body that ends before the terminator or inside a JSON line
 * `'truncated'`, an error payload from the provider `'provider'`, a complete message that
 * is not JSON `'parse'`. An SSE body that ends inside an event block (bytes after its last
 * blank line) is `'truncated'` too, whatever the format, also one whose end is the end of the
 * body and `'auto'` before it detected one: the WHATWG algorithm discards that block, but a
 * whole event stream ends on a blank line, so here it means a cut connection and lost text.
 * Every error part's `partialText` is the text yielded before it, and nothing follows it.
 * The caller checks `response.ok` first. An unknown format name throws at once.
 *
 * `'auto'` reads the Content-Type: `text/event-stream` is SSE and its first non-blank event
 * picks OpenAI chat (a `choices` array), OpenAI Responses (`type: "response.…"`), Anthropic
 * (its event types), Gemini (`candidates`), generic JSON (`sse-json`) or, when the data is not
 * JSON, plain-text events; `application/x-ndjson` and the JSON Lines types are lines, Ollama's
 * when the first line is shaped like it, else `ndjson`; any other type is text. Without a
 * Content-Type (or with `application/octet-stream`) the first bytes decide the same way.
 *
 * @example
 * for await (const part of decodeResponse(response, 'openai-chat')) if (part.type === 'text') print(part.text)
 */
export function decodeResponse(
  response: Response,
  format: StreamFormat = 'auto',
  options: DecodeOptions = {},
): AsyncGenerator<StreamPart, void, undefined> {
  return decodeInSession(response, createDecodeSession(format), options)
}

/**
 * The decoder of one answer, shared by the responses that append to it (a resume by
 * `Last-Event-ID`): the adapter keeps what the provider sent before a drop — the finish
 * reason, usage, Anthropic's `message_start` input counts — and `'auto'` keeps the format
 * it detected. A restart that replaces the answer takes a new session. Internal.
 */
export interface DecodeSession {
  /** Undefined for `'auto'` until the first message decides the format. */
  adapter: FormatAdapter | undefined
  /** A user's `FormatAdapter`: its messages are its own business, even JSON documents. */
  custom: boolean
}

/** A new session of `format` (a fresh adapter for a built-in format name). Internal. */
export function createDecodeSession(format: StreamFormat = 'auto'): DecodeSession {
  return { adapter: resolveFormat(format), custom: typeof format === 'object' }
}

/** {@link decodeResponse} continuing `session`. Internal. */
export function decodeInSession(
  response: Response,
  session: DecodeSession,
  options: DecodeOptions & MessageBoundary = {},
): AsyncGenerator<StreamPart, void, undefined> {
  return decode(response, session, options)
}

async function* decode(
  response: Response,
  session: DecodeSession,
  options: DecodeOptions & MessageBoundary,
): AsyncGenerator<StreamPart, void, undefined> {
  let text = ''
  const fail = (error: StreamError): StreamPart => ({
    type: 'error',
    error: error.withPartialText(text),
  })
  try {
    const body = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
    const raw = readChunks(body, options)
    let chunks: AsyncIterable<Uint8Array> = raw
    let framing =
      session.adapter?.framing ?? framingOfContentType(response.headers.get('content-type'))
    const limit = options.maxEventSize ?? defaultMaxEventSize
    let adapter = session.adapter
    // One JSON document where a stream was expected: a non-streamed answer, or an error.
    // Line formats read it as their one line; a custom adapter gets it as it comes.
    const json = !session.custom && isJsonType(response.headers.get('content-type'))
    if (json && (framing === 'sse' || adapter === undefined)) {
      const name = adapter?.name ?? 'auto'
      const whole = await readWholeText(raw, limit, `${name}: the JSON document`)
      const document = tryParse(whole)
      if (document !== undefined || adapter !== undefined) {
        const value = document?.value ?? parseJson(whole, name)
        for (const part of decodeCompletion(name, value)) {
          if (options.signal?.aborted) {
            yield fail(abortedError(options.signal))
            return
          }
          if (part.type === 'text') text += part.text
          yield part
        }
        return
      }
      // Not one document: JSON Lines mislabelled as application/json.
      framing = 'ndjson'
      chunks = (async function* () {
        yield new TextEncoder().encode(whole)
      })()
    }
    if (!framing) {
      let html: boolean
      ;({ framing, chunks, html } = await sniffBody(raw))
      // A page without a Content-Type (a misrouted request answered by a web server).
      if (html && !adapter) {
        yield fail(
          new StreamError(
            'parse',
            'auto: expected a stream but got an HTML page (no Content-Type). Is the url right?',
            { retryable: false, status: response.status },
          ),
        )
        return
      }
    }
    for await (const message of frameMessages(framing, chunks, options)) {
      if (message === cutBlock) {
        // A whole event stream ends on a blank line. Bytes after the last one are an event
        // the connection cut (with its text), even where the end of the body is the end.
        const cut = new StreamError(
          'truncated',
          `${adapter?.name ?? 'auto'}: the stream ended inside an event`,
        )
        yield fail(options.signal?.aborted ? abortedError(options.signal) : cut)
        return
      }
      if (!adapter) {
        if (isBlankMessage(framing, message)) continue
        adapter = detectFormat(
          framing,
          framing === 'ndjson' ? tryParse(lineText(message))?.value : message,
        )
        session.adapter = adapter
      }
      for (const part of decodeOne(adapter, message)) {
        // Messages already parsed from the last chunk are not shown once the caller aborted.
        if (options.signal?.aborted) {
          yield fail(abortedError(options.signal))
          return
        }
        if (part.type === 'error') {
          yield fail(asStreamError(part.error, adapter.name))
          return
        }
        if (part.type === 'text') {
          if (part.text === '') continue
          text += part.text
        }
        yield part
        // The terminator: whatever follows it is not part of this answer.
        if (part.type === 'finish') return
      }
    }
    if (options.signal?.aborted) {
      yield fail(abortedError(options.signal))
    } else if (adapter?.end === 'finish-part') {
      yield fail(
        new StreamError('truncated', `${adapter.name}: the stream ended before its terminator`),
      )
    } else {
      yield adapter?.finish?.() ?? { type: 'finish' }
    }
  } catch (error) {
    yield fail(
      isStreamError(error)
        ? error
        : new StreamError('network', 'Reading the response body failed', { cause: error }),
    )
  }
}
