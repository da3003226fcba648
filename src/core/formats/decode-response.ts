import { StreamError, isStreamError } from '../errors.ts'
import type { FormatAdapter, StreamFormat, StreamFraming, StreamPart } from '../parts.ts'
import type { SSEEntry } from '../read/sse.ts'
import type { LineEntry } from '../read/lines.ts'
import { abortedError, openChunks, type ChunkReader } from '../read/read-chunks.ts'
import { parsePartialJson } from '../text/partial-json.ts'
import { detectFormat, framingOfContentType } from './detect.ts'
import { createFramer, type Frame, type Framer } from './frame-messages.ts'
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

/** A frame that carries a message for the format: an SSE message, an NDJSON line, text. */
type MessageFrame = Exclude<Frame, { type: 'id' | 'retry' | 'cut' }>

// Blank SSE data (a keep-alive `data:`) says nothing, so it cannot decide `auto`; an
// error event still counts.
function isBlankMessage(frame: MessageFrame): boolean {
  if (frame.type !== 'message') return false
  const { data, event } = frame.message
  return data.trim() === '' && event !== 'error'
}

/** The value `auto` detects a format from: the SSE message, the parsed line, the text. */
function detectionValue(frame: MessageFrame): unknown {
  if (frame.type === 'message') return frame.message
  if (frame.type === 'line') return tryParse(frame.text)?.value
  return frame.text
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
function parseLine(adapter: FormatAdapter, { text, terminated }: LineEntry): unknown {
  if (!terminated && !tryParse(text)) {
    if (parsePartialJson(text).state === 'partial') {
      throw new StreamError('truncated', `${adapter.name}: the stream ended inside a line`)
    }
  }
  return parseJson(text, adapter.name)
}

function decodeOne(adapter: FormatAdapter, frame: MessageFrame): StreamPart[] {
  try {
    // The framer gives each framing its own kind of message: the one place it is named.
    const parts =
      adapter.framing === 'ndjson'
        ? adapter.decode(parseLine(adapter, frame as LineEntry))
        : adapter.framing === 'sse'
          ? adapter.decode((frame as Extract<SSEEntry, { type: 'message' }>).message)
          : adapter.decode((frame as { text: string }).text)
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
  return partsOf(decodeBatches(response, createDecodeSession(format), options), options)
}

/** The parts of `batches` one by one, reporting ids and retries to `options` in order. */
async function* partsOf(
  batches: StepReader,
  options: DecodeOptions,
): AsyncGenerator<StreamPart, void, undefined> {
  const { signal } = options
  let text = ''
  try {
    for (let steps = await batches.next(); steps; steps = await batches.next()) {
      for (const step of steps) {
        if (step.type === 'id') options.onId?.(step.id)
        else if (step.type === 'retry') options.onRetry?.(step.ms)
        else if (step.type === 'message') continue
        // Parts already decoded from the last chunk are not shown once the caller aborted.
        else if (signal?.aborted) {
          yield { type: 'error', error: abortedError(signal).withPartialText(text) }
          return
        } else if (step.type === 'error') {
          // The error says what was shown before it: the text yielded.
          yield { type: 'error', error: step.error.withPartialText(text) }
          return
        } else {
          if (step.type === 'text') text += step.text
          yield step
        }
      }
    }
  } finally {
    batches.cancel()
  }
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

/**
 * One step of a decoded body, in stream order: a part, or what the event stream said about
 * ids around it — the last event ID set (`id`), the server's `retry:`, and the start of each
 * SSE message (`message`, with `ownId` when its block set the id) before that message's parts.
 * Internal.
 */
export type DecodeStep = StreamPart | Extract<SSEEntry, { type: 'id' | 'retry' | 'message' }>

/** Reads the steps of a body a chunk at a time: what {@link decodeBatches} returns. Internal. */
export interface StepReader {
  /**
   * The steps of the next chunk that gave any, in order; undefined once the answer ended (a
   * `finish` or `error` part was the last step) or after `cancel()`.
   */
  next(): Promise<DecodeStep[] | undefined>
  /** Stops reading and releases the body. */
  cancel(): void
}

/**
 * {@link decodeResponse} continuing `session`, one batch of steps per chunk of the body (chunks
 * that gave none are read on): a consumer moves a whole chunk per promise hop, not one part,
 * and still sees ids, retries and parts in stream order. The same guarantees as
 * `decodeResponse`: a `finish` or `error` part is the last step. `onId` and `onRetry` are not
 * called (they are steps), and an error's `partialText` is left to the consumer. Internal.
 */
export function decodeBatches(
  response: Response,
  session: DecodeSession,
  options: DecodeOptions = {},
): StepReader {
  // Its `partialText` is filled in by the consumer, who knows what it showed.
  const fail = (error: StreamError): StreamPart => ({ type: 'error', error })
  const limit = options.maxEventSize ?? defaultMaxEventSize
  let reader: ChunkReader | undefined
  // Chunks read already (to sniff the framing, or JSON Lines read as one document), to decode
  // before the reader's next.
  let head: Uint8Array[] = []
  let framer: Framer | undefined
  let framing: StreamFraming | undefined
  let adapter = session.adapter
  let over = false
  const cancel = () => {
    over = true
    reader?.cancel()
  }
  // The answer ended with `steps`: nothing more is read.
  const end = (steps: DecodeStep[]) => {
    cancel()
    return steps
  }

  // Opens the body and picks its framing. A body that is no stream gives its one batch here.
  async function open(): Promise<DecodeStep[] | undefined> {
    reader = openChunks(response.body, options)
    framing = adapter?.framing ?? framingOfContentType(response.headers.get('content-type'))
    // One JSON document where a stream was expected: a non-streamed answer, or an error.
    // Line formats read it as their one line; a custom adapter gets it as it comes.
    const json = !session.custom && isJsonType(response.headers.get('content-type'))
    if (json && (framing === 'sse' || adapter === undefined)) {
      const name = adapter?.name ?? 'auto'
      const whole = await readWholeText(reader, limit, `${name}: the JSON document`)
      const document = tryParse(whole)
      if (document !== undefined || adapter !== undefined) {
        const value = document?.value ?? parseJson(whole, name)
        return decodeCompletion(name, value)
      }
      // Not one document: JSON Lines mislabelled as application/json.
      framing = 'ndjson'
      head = [new TextEncoder().encode(whole)]
    }
    if (!framing) {
      let html: boolean
      ;({ framing, head, html } = await sniffBody(reader))
      // A page without a Content-Type (a misrouted request answered by a web server).
      if (html && !adapter) {
        return [
          fail(
            new StreamError(
              'parse',
              'auto: expected a stream but got an HTML page (no Content-Type). Is the url right?',
              { retryable: false, status: response.status },
            ),
          ),
        ]
      }
    }
    framer = createFramer(framing, limit)
    return undefined
  }

  // Decodes the frames of one chunk into `out`; true once the answer ended (a finish or an
  // error part is the last step).
  const decodeFrames = (frames: readonly Frame[], out: DecodeStep[]): boolean => {
    for (const frame of frames) {
      if (frame.type === 'id' || frame.type === 'retry') {
        out.push(frame)
        continue
      }
      if (frame.type === 'cut') {
        // A whole event stream ends on a blank line. Bytes after the last one are an event
        // the connection cut (with its text), even where the end of the body is the end.
        const cut = new StreamError(
          'truncated',
          `${adapter?.name ?? 'auto'}: the stream ended inside an event`,
        )
        out.push(fail(options.signal?.aborted ? abortedError(options.signal) : cut))
        return true
      }
      if (frame.type === 'message') out.push(frame)
      if (!adapter) {
        if (isBlankMessage(frame)) continue
        adapter = detectFormat(framing!, detectionValue(frame))
        session.adapter = adapter
      }
      for (const part of decodeOne(adapter, frame)) {
        if (part.type === 'error') {
          out.push(fail(asStreamError(part.error, adapter.name)))
          return true
        }
        if (part.type === 'text' && part.text === '') continue
        out.push(part)
        // The terminator: whatever follows it is not part of this answer.
        if (part.type === 'finish') return true
      }
    }
    return false
  }

  async function next(): Promise<DecodeStep[] | undefined> {
    if (over) return undefined
    try {
      if (!framer) {
        const whole = await open()
        if (whole) return end(whole)
      }
      for (;;) {
        // The hot loop: `pull` and `take` spare a promise per chunk over `read()`.
        const chunk = head.length > 0 ? head.shift() : reader!.take(await reader!.pull())
        if (over) return undefined
        const steps: DecodeStep[] = []
        let ended = decodeFrames(chunk ? framer!.feed(chunk) : framer!.end(), steps)
        if (!ended && framer!.error) {
          steps.push(fail(framer!.error))
          ended = true
        }
        if (!ended && !chunk) {
          steps.push(endOfBody(adapter, options.signal, fail))
          ended = true
        }
        if (ended) return end(steps)
        if (steps.length > 0) return steps
      }
    } catch (error) {
      return end([
        fail(
          reader
            ? reader.failed(error)
            : new StreamError('network', 'Reading the response body failed', { cause: error }),
        ),
      ])
    }
  }

  return { next, cancel }
}

/** The last part of a body that ended without a terminator or an error. */
function endOfBody(
  adapter: FormatAdapter | undefined,
  signal: AbortSignal | undefined,
  fail: (error: StreamError) => StreamPart,
): StreamPart {
  if (signal?.aborted) return fail(abortedError(signal))
  if (adapter?.end === 'finish-part') {
    return fail(
      new StreamError('truncated', `${adapter.name}: the stream ended before its terminator`),
    )
  }
  return adapter?.finish?.() ?? { type: 'finish' }
}
