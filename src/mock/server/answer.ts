import { encoders } from '../encoders.ts'
import type { MockStreamOptions } from '../mock-options.ts'
import { mockCompletion, mockStream } from '../mock-stream.ts'
import { defaultReply, estimateTokens } from '../request-info.ts'
import { KnobError, knobNames, readKnobs } from './knobs.ts'
import { routes, type Route, type RouteError } from './routes.ts'

/** One request to the mock server, whatever carried it (HTTP, or a WebSocket's first message). */
export interface MockRequest {
  method: string
  url: URL
  headers: Headers
  /** The raw body; undefined when there is none, `null` when it was too large to read. */
  body: string | undefined | null
  /** Aborted when the client goes away: the mock's timers stop. */
  signal?: AbortSignal
}

/**
 * The query parameter an EventSource resumes with (it cannot set Last-Event-ID when the app
 * opens a new one); the `Last-Event-ID` header wins when both are sent.
 */
export const lastEventIdParam = 'lastEventId'

export const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers':
    'retry-after, retry-after-ms, content-type, x-request-id, request-id',
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...cors },
  })
}

function routeError(route: Route, error: RouteError): Response {
  const body = error.body ?? encoders[route.format].errorBody(error.status, error.message)
  return json(error.status, body)
}

function index(): Response {
  return json(200, {
    name: 'rivulet mock LLM server',
    endpoints: Object.fromEntries(
      Object.entries(routes).map(([path, r]) => [`POST ${path}`, r.format]),
    ),
    eventSource: 'GET on any endpoint: the body as query parameters, always streamed',
    webSocket: 'ws:// on any endpoint: the first message is the body, one message per event',
    knobs: Object.fromEntries(knobNames.map((k) => [k, `?${k}=… or header x-mock-${k}`])),
  })
}

const reserved = new Set<string>([...knobNames, lastEventIdParam])

/** A JSON value a query parameter stands for: objects, arrays and booleans; else the string. */
function queryValue(value: string): unknown {
  if (!/^\s*[[{]/.test(value) && !/^(true|false|null)$/.test(value)) return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}

/**
 * The body of a GET (an EventSource's request): its query parameters other than the knobs,
 * as rivulet's EventSource transport writes a JSON body into the URL.
 */
function queryBody(url: URL): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const [name, value] of url.searchParams) {
    if (!reserved.has(name)) body[name] = queryValue(value)
  }
  return body
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/**
 * The mock server's answer to one request, as a fetch `Response`: a route's stream (or
 * completion, or provider-shaped error), the index at `GET /`, or a 404. A GET on a route is
 * an EventSource's request: the body comes from the query and the answer always streams.
 */
export async function answer(request: MockRequest, defaults: MockStreamOptions): Promise<Response> {
  const { url, headers, method } = request
  if (method === 'OPTIONS') return new Response(null, { status: 204, headers: cors })
  const route = routes[url.pathname]
  if (!route) {
    if (method === 'GET' && url.pathname === '/') return index()
    return json(404, {
      error: `no mock endpoint at ${url.pathname}`,
      endpoints: Object.keys(routes),
    })
  }
  if (method !== 'POST' && method !== 'GET') {
    return routeError(route, {
      status: 405,
      message: `Method ${method} not allowed; use POST (or GET for an EventSource).`,
    })
  }
  let body: unknown
  if (method === 'GET') body = queryBody(url)
  else {
    if (request.body === null)
      return routeError(route, { status: 413, message: 'Request body too large.' })
    try {
      body = JSON.parse(request.body ?? '')
    } catch (error) {
      return routeError(
        route,
        route.invalidJson(error instanceof Error ? error.message : String(error)),
      )
    }
  }
  const accepted = route.accept(body)
  if (!('prompt' in accepted)) return routeError(route, accepted)
  // An EventSource reads nothing but a stream.
  const stream = method === 'GET' || accepted.stream

  let knobs: MockStreamOptions
  try {
    knobs = readKnobs(url, headers)
  } catch (error) {
    if (error instanceof KnobError)
      return routeError(route, { status: 400, message: error.message })
    throw error
  }
  const lastEventId = headers.get('last-event-id') ?? url.searchParams.get(lastEventIdParam)
  const sse = encoders[route.format].framing === 'sse'
  const merged: MockStreamOptions = {
    ...defaults,
    ...stripUndefined(accepted.options),
    ...knobs,
    format: route.format,
    usage: { inputTokens: estimateTokens(accepted.prompt) },
    headers: { ...cors, ...Object.fromEntries(new Headers(defaults.headers)) },
    signal: request.signal,
  }
  // OpenAI chat sends its usage chunk only when `stream_options.include_usage` asks for it.
  if (stream && accepted.options.usage === false) merged.usage = false
  if (merged.text === undefined && merged.tokens === undefined)
    merged.text = defaultReply(accepted.prompt)
  // A client that sends a last event ID resumes; ids are on for it even without `ids=1`.
  if (sse && lastEventId !== null) {
    merged.eventIds = true
    merged.lastEventId = lastEventId
  }
  if (!sse) delete merged.eventIds
  try {
    return stream ? mockStream(merged) : mockCompletion(merged)
  } catch (error) {
    // An invalid knob value (a negative delay, an unknown fault) is the client's mistake.
    if (error instanceof TypeError)
      return routeError(route, { status: 400, message: error.message })
    throw error
  }
}
