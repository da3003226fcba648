import { mockFormats, type MockFormat } from './encoders.ts'
import { parseFault, type MockFault } from './faults.ts'

/** Options of `mockStream`: what to say, in which format, how fast, and what goes wrong. */
export interface MockStreamOptions {
  /**
   * The wire format to write.
   * @defaultValue 'openai-chat'
   */
  format?: MockFormat
  /** The text to stream, split into word-like tokens (` world`). */
  text?: string
  /** The exact tokens to stream (instead of `text`); their concatenation is the text. */
  tokens?: readonly string[]
  /**
   * The model name written into the events.
   * @defaultValue 'mock-model'
   */
  model?: string
  /**
   * Ms from the response to the first token (events before it are sent at once).
   * @defaultValue 0
   */
  ttft?: number
  /**
   * Ms between tokens.
   * @defaultValue 0
   */
  tokenDelay?: number
  /**
   * Each token delay varies uniformly by ± this many ms (never below 0).
   * @defaultValue 0
   */
  jitter?: number
  /**
   * Cut what is written at one moment into chunks of at most this many bytes (or a random
   * size in `[min, max]`), so a token can be cut inside a UTF-8 character or inside an event.
   * By default everything written at one moment (a token's event, or the head or tail events
   * sent together) is one chunk.
   */
  chunkSize?: number | readonly [number, number]
  /** Seed of the random generator (jitter, chunk sizes, ids) for a reproducible run. */
  seed?: number
  /**
   * HTTP status. 400 and above answer the provider's own error body instead of a stream.
   * @defaultValue 200
   */
  status?: number
  /** Extra response headers (they override the defaults). */
  headers?: HeadersInit
  /**
   * Seconds sent in a `Retry-After` header (with a 429 or 503, say), rounded up to whole
   * seconds as the header requires; a fractional value is also sent exactly, in ms, as
   * OpenAI's `retry-after-ms`.
   */
  retryAfter?: number
  /** Message of the HTTP error body or of the provider error event. */
  errorMessage?: string
  /** What goes wrong mid-stream; the short form `'drop-after:5'` is accepted. */
  fault?: MockFault | string
  /** Shorthand for `fault: { type: 'drop', after }`: a clean close without the terminator. */
  dropAfter?: number
  /** Shorthand for `fault: { type: 'provider-error', after }`: the provider's error event. */
  errorAfter?: number
  /**
   * SSE formats: give each event an `id:` (1, 2, 3…) so a client can resume.
   * @defaultValue false
   */
  eventIds?: boolean
  /** The request's `Last-Event-ID`: with `eventIds`, continue after that event. */
  lastEventId?: string | null
  /** SSE formats: send a `retry:` field (ms) first. */
  retry?: number
  /** Aborting it stops the stream (its body errors with the abort reason) and its timers. */
  signal?: AbortSignal
  /** The provider's stop reason (`stop`, `length`, `end_turn`, `max_tokens`…). */
  finishReason?: string
  /**
   * Token counts to report; `false` leaves out OpenAI chat's optional usage chunk.
   * @defaultValue true (output tokens = the number of tokens, input tokens = 0)
   */
  usage?: boolean | { inputTokens?: number; outputTokens?: number }
  /** Unix time in ms the response is dated with (`created`). @defaultValue Date.now() */
  now?: number
  /**
   * sse-json / ndjson: the JSON field that carries the text.
   * @defaultValue 'text'
   */
  field?: 'text' | 'token' | 'content' | 'delta'
  /**
   * sse-json: end with `data: [DONE]`.
   * @defaultValue false
   */
  done?: boolean
  /**
   * ollama: the `/api/chat` shape (`message.content`) or the `/api/generate` one (`response`).
   * @defaultValue 'chat'
   */
  ollamaEndpoint?: 'chat' | 'generate'
  /**
   * Reasoning streamed (word by word) before the text, as the format sends it: OpenAI chat
   * `reasoning_content`, Responses reasoning summary deltas, Anthropic thinking (with a
   * signature), Ollama `thinking`.
   */
  reasoning?: string
  /**
   * Tool calls made after the text, their arguments streamed in pieces in the format's shape
   * (Ollama sends each whole). The finish reason becomes the format's tool-use reason.
   */
  toolCalls?: readonly MockToolCall[]
  /**
   * Sources cited after the text: Responses `url_citation` annotations, Anthropic
   * `citations_delta`. Formats without streamed citations leave them out.
   */
  sources?: readonly { url: string; title?: string }[]
  /**
   * openai-responses: the shape of the `error` event. `'flat'` is the documented one (`code`,
   * `message` at the top); `'nested'` is `{"type":"error","error":{…}}`, as production is
   * reported to send it. @defaultValue 'flat'
   */
  errorShape?: 'flat' | 'nested'
  /**
   * The request id header the provider sends (`x-request-id` for OpenAI, `request-id` for
   * Anthropic), which the official SDKs report; `false` leaves it out.
   * @defaultValue a new `req_…` id for each response
   */
  requestId?: string | false
}

/** A tool call `mockStream` makes. `id` defaults to `call_<n>` (Anthropic `toolu_<n>`). */
export interface MockToolCall {
  id?: string
  name: string
  /** The arguments; they are sent as JSON text. */
  args: unknown
}

/**
 * The longest wait a timer can take: setTimeout's limit (2^31 − 1 ms, about 24.8 days).
 * A longer one would fire at once, so the mock refuses it.
 */
export const maxMockDelay = 2_147_483_647

/** Options after validation, with the fault in its object form. */
export interface ResolvedMockOptions extends Omit<MockStreamOptions, 'fault' | 'format'> {
  format: MockFormat
  fault?: MockFault
}

function fail(name: string, expected: string, value: unknown): never {
  const got = typeof value === 'string' ? JSON.stringify(value) : String(value)
  throw new TypeError(`mockStream: ${name} must be ${expected}, got ${got}`)
}

function nonNegative(name: string, value: unknown) {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(name, 'a non-negative number', value)
  }
}

/** A wait in ms that a timer can take: non-negative and at most `maxMockDelay`. */
function delay(name: string, value: unknown) {
  nonNegative(name, value)
  if (typeof value === 'number' && value > maxMockDelay) {
    fail(name, `at most ${maxMockDelay} ms (about 24.8 days, the longest setTimeout wait)`, value)
  }
}

function positiveInteger(name: string, value: unknown) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    fail(name, 'a positive integer', value)
  }
}

function oneOf(name: string, value: unknown, allowed: readonly string[]) {
  if (value !== undefined && !allowed.includes(value as string)) {
    fail(name, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value)
  }
}

function resolveFault(
  fault: MockStreamOptions['fault'],
  format: MockFormat,
): MockFault | undefined {
  if (fault === undefined) return undefined
  const resolved = typeof fault === 'string' ? parseFault(fault) : fault
  if (typeof resolved !== 'object' || resolved === null)
    fail('fault', 'an object or a string', fault)
  oneOf('fault.type', resolved.type, ['drop', 'network', 'hang', 'malformed', 'provider-error'])
  const after = resolved.after
  if (typeof after !== 'number' || !Number.isInteger(after) || after < 0) {
    fail('fault.after', 'a non-negative integer', after)
  }
  if (format === 'text' && (resolved.type === 'malformed' || resolved.type === 'provider-error')) {
    throw new TypeError(
      `mockStream: fault '${resolved.type}' needs a format with events; the 'text' format has none`,
    )
  }
  return resolved
}

/**
 * Checks every option and throws a `TypeError` naming the first bad one, so a typo gives a
 * clear message instead of a stream that never ends.
 */
export function resolveMockOptions(options: MockStreamOptions): ResolvedMockOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'an object', options)
  const format = options.format ?? 'openai-chat'
  oneOf('format', format, mockFormats)
  if (options.text !== undefined && typeof options.text !== 'string') {
    fail('text', 'a string', options.text)
  }
  if (options.tokens !== undefined) {
    if (!Array.isArray(options.tokens)) fail('tokens', 'an array of strings', options.tokens)
    const bad = options.tokens.find((token) => typeof token !== 'string')
    if (bad !== undefined) fail('tokens', 'an array of strings', bad)
    if (options.text !== undefined) {
      throw new TypeError('mockStream: give either text or tokens, not both')
    }
  }
  const status = options.status ?? 200
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    fail('status', 'an HTTP status from 200 to 599', status)
  }
  if (status < 400 && options.text === undefined && options.tokens === undefined) {
    throw new TypeError('mockStream: text (or tokens) is required to stream a response')
  }
  delay('ttft', options.ttft)
  delay('tokenDelay', options.tokenDelay)
  delay('jitter', options.jitter)
  // A jittered token delay goes up to tokenDelay + jitter.
  delay('tokenDelay + jitter', (options.tokenDelay ?? 0) + (options.jitter ?? 0))
  nonNegative('retryAfter', options.retryAfter)
  delay('retry', options.retry)
  nonNegative('now', options.now)
  if (options.seed !== undefined && !Number.isFinite(options.seed)) {
    fail('seed', 'a finite number', options.seed)
  }
  const chunkSize = options.chunkSize
  if (Array.isArray(chunkSize)) {
    positiveInteger('chunkSize[0]', chunkSize[0])
    positiveInteger('chunkSize[1]', chunkSize[1])
    if ((chunkSize[1] as number) < (chunkSize[0] as number)) {
      fail('chunkSize', '[min, max] with min <= max', `[${chunkSize.join(', ')}]`)
    }
  } else if (chunkSize !== undefined) {
    positiveInteger('chunkSize', chunkSize)
  }
  if (options.model !== undefined && typeof options.model !== 'string') {
    fail('model', 'a string', options.model)
  }
  oneOf('field', options.field, ['text', 'token', 'content', 'delta'])
  oneOf('ollamaEndpoint', options.ollamaEndpoint, ['chat', 'generate'])
  oneOf('errorShape', options.errorShape, ['flat', 'nested'])
  if (
    options.requestId !== undefined &&
    options.requestId !== false &&
    (typeof options.requestId !== 'string' || !/^[\x21-\x7e]+$/.test(options.requestId))
  ) {
    fail('requestId', 'false or a header value (printable ASCII, no spaces)', options.requestId)
  }
  if (options.usage !== undefined && typeof options.usage === 'object') {
    nonNegative('usage.inputTokens', options.usage.inputTokens)
    nonNegative('usage.outputTokens', options.usage.outputTokens)
  } else if (options.usage !== undefined && typeof options.usage !== 'boolean') {
    fail('usage', 'a boolean or { inputTokens, outputTokens }', options.usage)
  }
  if (options.eventIds && (format === 'ollama' || format === 'ndjson' || format === 'text')) {
    throw new TypeError(
      `mockStream: eventIds needs an SSE format, and '${format}' is not one (SSE formats: openai-chat, openai-responses, anthropic, sse-json)`,
    )
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    fail('signal', 'an AbortSignal', options.signal)
  }
  const shorthands = [
    ['dropAfter', 'drop'],
    ['errorAfter', 'provider-error'],
  ] as const
  let fault = options.fault
  for (const [name, type] of shorthands) {
    const after = options[name]
    if (after === undefined) continue
    if (typeof after !== 'number' || !Number.isInteger(after) || after < 0) {
      fail(name, 'a non-negative integer', after)
    }
    if (fault !== undefined)
      throw new TypeError(`mockStream: give one of fault, dropAfter, errorAfter`)
    fault = { type, after }
  }
  return { ...options, format, fault: resolveFault(fault, format) }
}
