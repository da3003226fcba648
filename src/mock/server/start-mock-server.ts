import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { encoders } from '../encoders.ts'
import type { MockStreamOptions } from '../mock-options.ts'
import { mockCompletion, mockStream } from '../mock-stream.ts'
import { defaultReply, estimateTokens } from '../request-info.ts'
import { KnobError, knobNames, readKnobs } from './knobs.ts'
import { routes, type Route, type RouteError } from './routes.ts'
import { sendResponse, type StreamEndInfo } from './send-response.ts'

/** Options of `startMockServer`. */
export interface MockServerOptions {
  /**
   * The port; 0 picks a free one.
   * @defaultValue 0
   */
  port?: number
  /**
   * The interface to listen on.
   * @defaultValue '127.0.0.1'
   */
  host?: string
  /** Options every answer starts from (`ttft`, `tokenDelay`, `text`…); knobs override them. */
  defaults?: MockStreamOptions
  /** Called when an answer has been written or abandoned (for logs and tests). */
  onStreamEnd?(info: StreamEndInfo): void
}

/** A running mock LLM server. */
export interface MockServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  port: number
  /** Stops listening and drops open connections. */
  close(): Promise<void>
}

const maxBody = 1024 * 1024
const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers':
    'retry-after, retry-after-ms, content-type, x-request-id, request-id',
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    let size = 0
    req.on('data', (part: Buffer) => {
      size += part.length
      // Too large for a mock: stop reading, the caller answers 413.
      if (size > maxBody) resolve(undefined)
      else parts.push(part)
    })
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')))
    req.on('error', reject)
  })
}

function json(status: number, body: unknown): Response {
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
    knobs: Object.fromEntries(knobNames.map((k) => [k, `?${k}=… or header x-mock-${k}`])),
  })
}

async function answer(req: IncomingMessage, defaults: MockStreamOptions): Promise<Response> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors })
  const route = routes[url.pathname]
  if (!route) {
    if (req.method === 'GET' && url.pathname === '/') return index()
    return json(404, {
      error: `no mock endpoint at ${url.pathname}`,
      endpoints: Object.keys(routes),
    })
  }
  if (req.method !== 'POST') {
    return routeError(route, {
      status: 405,
      message: `Method ${req.method} not allowed; use POST.`,
    })
  }
  const raw = await readBody(req)
  if (raw === undefined)
    return routeError(route, { status: 413, message: 'Request body too large.' })
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch (error) {
    return routeError(
      route,
      route.invalidJson(error instanceof Error ? error.message : String(error)),
    )
  }
  const accepted = route.accept(body)
  if (!('prompt' in accepted)) return routeError(route, accepted)

  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  let knobs: MockStreamOptions
  try {
    knobs = readKnobs(url, headers)
  } catch (error) {
    if (error instanceof KnobError)
      return routeError(route, { status: 400, message: error.message })
    throw error
  }
  const lastEventId = headers.get('last-event-id')
  const sse = encoders[route.format].framing === 'sse'
  const merged: MockStreamOptions = {
    ...defaults,
    ...stripUndefined(accepted.options),
    ...knobs,
    format: route.format,
    usage: { inputTokens: estimateTokens(accepted.prompt) },
    headers: { ...cors, ...Object.fromEntries(new Headers(defaults.headers)) },
  }
  // OpenAI chat sends its usage chunk only when `stream_options.include_usage` asks for it.
  if (accepted.stream && accepted.options.usage === false) merged.usage = false
  if (merged.text === undefined && merged.tokens === undefined)
    merged.text = defaultReply(accepted.prompt)
  // A client that sends Last-Event-ID resumes; ids are on for it even without `ids=1`.
  if (sse && lastEventId !== null) {
    merged.eventIds = true
    merged.lastEventId = lastEventId
  }
  if (!sse) delete merged.eventIds
  try {
    return accepted.stream ? mockStream(merged) : mockCompletion(merged)
  } catch (error) {
    // An invalid knob value (a negative delay, an unknown fault) is the client's mistake.
    if (error instanceof TypeError)
      return routeError(route, { status: 400, message: error.message })
    throw error
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/**
 * Starts the mock LLM server: plain `node:http` on 127.0.0.1 that speaks OpenAI chat
 * completions (`POST /v1/chat/completions`) and Responses (`/v1/responses`), Anthropic
 * Messages (`/v1/messages`), Ollama (`/api/chat`, `/api/generate`) and a FastAPI-style SSE
 * endpoint (`/chat`), with the timing and fault knobs of `mockStream` set per request by
 * query string or `x-mock-*` header (`?ttft=100&delay=20&fault=drop-after:5`).
 *
 * @example
 * const server = await startMockServer({ port: 0 })
 * await fetch(`${server.url}/v1/chat/completions?delay=20`, { method: 'POST', body })
 * await server.close()
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(
      `startMockServer: port must be an integer from 0 to 65535, got ${String(port)}`,
    )
  }
  const host = options.host ?? '127.0.0.1'
  const defaults = options.defaults ?? {}
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    answer(req, defaults)
      .catch((error: unknown) => json(500, { error: String(error) }))
      .then((response) => sendResponse(res, response, path))
      .then((info) => options.onStreamEnd?.(info))
      .catch(() => res.destroy())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const actual = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
