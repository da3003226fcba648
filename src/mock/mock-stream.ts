import {
  encoders,
  serializeEvent,
  type EncodeContext,
  type MockPart,
  type MockFormat,
  type WireEvent,
} from './encoders.ts'
import {
  resolveMockOptions,
  type MockStreamOptions,
  type ResolvedMockOptions,
} from './mock-options.ts'
import { scheduledBody, type BodyEnd, type BodyStep } from './scheduled-body.ts'
import { jittered, randomId, randomInt, seededRandom, splitTokens, type Random } from './timing.ts'

const utf8 = new TextEncoder()

/** One planned event: its wire text, the ms to wait before it, and its resume id. */
interface PlannedEvent {
  text: string
  delay: number
  id?: number
}

function encodeContext(options: ResolvedMockOptions, tokens: string[], random: Random) {
  const ttft = options.ttft ?? 0
  const tokenDelay = options.tokenDelay ?? 0
  const usage = typeof options.usage === 'object' ? options.usage : {}
  const context: EncodeContext = {
    tokens,
    text: tokens.join(''),
    model: options.model ?? 'mock-model',
    now: options.now ?? Date.now(),
    finishReason: options.finishReason,
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? tokens.length,
    includeUsage: options.usage !== false,
    done: options.done ?? false,
    field: options.field ?? 'text',
    ollamaEndpoint: options.ollamaEndpoint ?? 'chat',
    errorShape: options.errorShape ?? 'flat',
    ttft,
    duration: ttft + Math.max(0, tokens.length - 1) * tokenDelay,
    random,
    ids: {},
    sequence: 0,
    reasoning: options.reasoning ? splitTokens(options.reasoning) : [],
    toolCalls: (options.toolCalls ?? []).map((call, i) => ({
      id: call.id ?? `${options.format === 'anthropic' ? 'toolu' : 'call'}_${i + 1}`,
      name: call.name,
      argsText: JSON.stringify(call.args ?? {}),
    })),
    sources: options.sources ?? [],
    block: 0,
  }
  return context
}

/**
 * Lays out the whole response before the first byte: head events at once, the first token
 * after `ttft`, each next token after `tokenDelay` ± `jitter`, the tail right after the last
 * token, and the fault (if any) where it belongs. Event ids count the fault-free events, so
 * a resumed request (`lastEventId`) continues exactly where the dropped one stopped.
 */
function plan(options: ResolvedMockOptions, context: EncodeContext, random: Random) {
  const encoder = encoders[options.format]
  const fault = options.fault
  const ttft = options.ttft ?? 0
  // With reasoning first, the first reasoning token comes after `ttft`, the text after it.
  const leading = context.reasoning.length > 0
  const nextDelay = (index: number) =>
    index === 0 && !leading ? ttft : jittered(options.tokenDelay ?? 0, options.jitter ?? 0, random)
  const events: PlannedEvent[] = []
  let id = 0
  let end: BodyEnd = 'close'
  const push = (list: WireEvent[], delay: number, counted = true) => {
    list.forEach((event, i) => {
      const eventId = counted ? ++id : undefined
      events.push({
        text: serializeEvent(encoder.framing, event, eventIds(eventId)),
        delay: i === 0 ? delay : 0,
        id: eventId,
      })
    })
  }
  const eventIds = (eventId: number | undefined) =>
    options.eventIds && eventId !== undefined ? String(eventId) : undefined

  // The fault happens where token `after + 1` would have come (an `after` past the last
  // token means just before the tail); `true` ends the stream.
  const faultAt = fault ? Math.min(fault.after, context.tokens.length) : -1
  const injectFault = (index: number): boolean => {
    if (!fault || faultAt !== index) return false
    switch (fault.type) {
      case 'malformed':
        push([encoder.malformed!(context)], 0, false)
        return false
      case 'provider-error':
        push(
          encoder.providerError!(context, options.errorMessage ?? 'Overloaded'),
          nextDelay(index),
          false,
        )
        return true
      case 'hang':
        end = 'hang'
        return true
      default:
        // A drop is noticed when the next token fails to come.
        events.push({ text: '', delay: nextDelay(index) })
        end = fault.type === 'drop' ? 'close' : 'error'
        return true
    }
  }

  const part = (item: MockPart, delay: number) => {
    if (encoder.part) push(encoder.part(context, item), delay)
  }
  const pieceDelay = () => jittered(options.tokenDelay ?? 0, options.jitter ?? 0, random)
  push(encoder.head(context), 0)
  context.reasoning.forEach((text, i) =>
    part({ type: 'reasoning', text }, i === 0 ? ttft : pieceDelay()),
  )
  let ended = false
  for (let i = 0; i < context.tokens.length && !ended; i++) {
    ended = injectFault(i)
    if (!ended) push(encoder.token(context, context.tokens[i] as string, i), nextDelay(i))
  }
  if (!ended) ended = injectFault(context.tokens.length)
  if (!ended) {
    for (const source of context.sources) part({ type: 'source', ...source }, pieceDelay())
    context.toolCalls.forEach((call, index) => {
      part({ type: 'tool-call-start', index }, pieceDelay())
      // The arguments in three pieces, as a model streams them.
      const third = Math.ceil(call.argsText.length / 3)
      for (let at = 0; at < call.argsText.length; at += third) {
        part(
          { type: 'tool-call-delta', index, argsText: call.argsText.slice(at, at + third) },
          pieceDelay(),
        )
      }
      part({ type: 'tool-call-end', index }, 0)
    })
    push(encoder.tail(context), 0)
  }
  return { events, end }
}

function resumeFrom(lastEventId: string | null | undefined): number {
  if (lastEventId === undefined || lastEventId === null) return 0
  const n = Number(lastEventId.trim())
  // An id this stream never sent starts over, as a server that does not know it would.
  return Number.isInteger(n) && n > 0 ? n : 0
}

/**
 * Groups the events written at the same moment into one write, as a socket would deliver
 * them, then cuts each write into chunks of `chunkSize` bytes, so a chunk can end inside a
 * UTF-8 character, inside an event or span the end of one event and the start of the next.
 */
function toSteps(events: PlannedEvent[], options: ResolvedMockOptions, random: Random): BodyStep[] {
  const writes: { delay: number; text: string }[] = []
  for (const { text, delay } of events) {
    const last = writes[writes.length - 1]
    if (last && delay <= 0) last.text += text
    else writes.push({ delay, text })
  }
  const size = options.chunkSize
  return writes.map(({ text, delay }) => {
    const bytes = utf8.encode(text)
    if (size === undefined || bytes.length === 0) {
      return { delay, chunks: bytes.length ? [bytes] : [] }
    }
    const chunks: Uint8Array[] = []
    for (let at = 0; at < bytes.length;) {
      const n = typeof size === 'number' ? size : randomInt(size[0], size[1], random)
      chunks.push(bytes.subarray(at, at + n))
      at += n
    }
    return { delay, chunks }
  })
}

function errorResponse(options: ResolvedMockOptions, headers: Headers): Response {
  const status = options.status as number
  const body = encoders[options.format].errorBody(status, options.errorMessage)
  headers.set('content-type', 'application/json')
  return new Response(JSON.stringify(body), { status, headers })
}

/** The header each provider names its request id in (the official SDKs report it). */
const requestIdHeaders: Partial<Record<MockFormat, string>> = {
  'openai-chat': 'x-request-id',
  'openai-responses': 'x-request-id',
  anthropic: 'request-id',
}

function baseHeaders(options: ResolvedMockOptions, contentType: string): Headers {
  const headers = new Headers({ 'content-type': contentType, 'cache-control': 'no-cache' })
  const idHeader = requestIdHeaders[options.format]
  if (idHeader && options.requestId !== false) {
    headers.set(idHeader, options.requestId ?? `req_${randomId(24, Math.random)}`)
  }
  const after = options.retryAfter
  if (after !== undefined) {
    // Retry-After is whole seconds (RFC 9110 §10.2.3): round up, so a client waits at least
    // as long; a fractional wait also goes exactly in OpenAI's `retry-after-ms`.
    headers.set('retry-after', String(Math.ceil(after)))
    if (!Number.isInteger(after)) headers.set('retry-after-ms', String(Math.round(after * 1000)))
  }
  new Headers(options.headers).forEach((value, name) => headers.set(name, value))
  return headers
}

/**
 * A `Response` that streams a text the way a real provider does: byte for byte the events,
 * terminator, finish reason and usage of the chosen format, with the timing and faults
 * asked for. Works anywhere `Response` and `ReadableStream` exist (node, browsers, workers);
 * it needs no msw.
 *
 * @example
 * const response = mockStream({ format: 'anthropic', text: 'Hello there', tokenDelay: 30 })
 * for await (const part of decodeResponse(response, 'anthropic')) console.log(part)
 *
 * @throws TypeError naming the option, for an invalid option.
 */
export function mockStream(options: MockStreamOptions): Response {
  const resolved = resolveMockOptions(options)
  const encoder = encoders[resolved.format]
  const headers = baseHeaders(resolved, encoder.contentType)
  if ((resolved.status ?? 200) >= 400) return errorResponse(resolved, headers)

  const random = resolved.seed === undefined ? Math.random : seededRandom(resolved.seed)
  const tokens = resolved.tokens ? [...resolved.tokens] : splitTokens(resolved.text ?? '')
  const context = encodeContext(resolved, tokens, random)
  encoder.init(context)
  const { events, end } = plan(resolved, context, random)

  let skip = resolved.eventIds ? resumeFrom(resolved.lastEventId) : 0
  const lastId = Math.max(0, ...events.map((event) => event.id ?? 0))
  // Resumed after the last event of the whole answer: everything was delivered, and an empty
  // 200 would look like a stream cut before its end. 204 is WHATWG's "do not reconnect":
  // rivulet ends it as done. An id past the last one is one this stream never sent: it
  // starts over, like any unknown id. (A planned fault ends the answer early: no such rule.)
  if (!resolved.fault && skip > 0 && skip >= lastId) {
    if (skip === lastId) return new Response(null, { status: 204, headers })
    skip = 0
  }
  let sent = events.filter((event) => event.id === undefined || event.id > skip)
  if (skip > 0 && sent.length > 0) {
    // The resumed stream starts with the first event it has left, after the usual ttft.
    sent = sent.map((event, i) => (i === 0 ? { ...event, delay: resolved.ttft ?? 0 } : event))
  }
  if (resolved.retry !== undefined && encoder.framing === 'sse') {
    sent.unshift({ text: `retry: ${Math.round(resolved.retry)}\n\n`, delay: 0 })
  }
  const status = resolved.status ?? 200
  // 204, 205 and 304 cannot carry a body.
  if (status === 204 || status === 205 || status === 304)
    return new Response(null, { status, headers })
  const body = scheduledBody(toSteps(sent, resolved, random), end, resolved.signal)
  return new Response(body, { status, headers })
}

/**
 * The whole answer as the provider's non-streamed JSON (`stream: false`), for the same
 * options. Used by the mock server; handy for a mock that answers both ways.
 */
export function mockCompletion(options: MockStreamOptions): Response {
  const resolved = resolveMockOptions(options)
  const encoder = encoders[resolved.format]
  const contentType = resolved.format === 'text' ? 'text/plain; charset=utf-8' : 'application/json'
  const headers = baseHeaders(resolved, contentType)
  if ((resolved.status ?? 200) >= 400) return errorResponse(resolved, headers)
  const random = resolved.seed === undefined ? Math.random : seededRandom(resolved.seed)
  const tokens = resolved.tokens ? [...resolved.tokens] : splitTokens(resolved.text ?? '')
  const context = encodeContext(resolved, tokens, random)
  encoder.init(context)
  const body = encoder.completion(context)
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status: resolved.status ?? 200,
    headers,
  })
}
