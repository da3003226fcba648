import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { MockStreamOptions } from '../mock-options.ts'
import { answer, json, type MockRequest } from './answer.ts'
import { sendResponse, type StreamEndInfo } from './send-response.ts'
import { acceptSockets } from './socket-endpoint.ts'

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

/** The body, or null when it is too large for a mock (the answer is then 413). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    let size = 0
    req.on('data', (part: Buffer) => {
      size += part.length
      // Too large for a mock: stop reading, the caller answers 413.
      if (size > maxBody) resolve(null)
      else parts.push(part)
    })
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')))
    req.on('error', reject)
  })
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  return headers
}

/**
 * Starts the mock LLM server: plain `node:http` on 127.0.0.1 that speaks OpenAI chat
 * completions (`POST /v1/chat/completions`) and Responses (`/v1/responses`), Anthropic
 * Messages (`/v1/messages`), Ollama (`/api/chat`, `/api/generate`) and a FastAPI-style SSE
 * endpoint (`/chat`), with the timing and fault knobs of `mockStream` set per request by
 * query string or `x-mock-*` header (`?ttft=100&delay=20&fault=drop-after:5`).
 *
 * Every endpoint also answers an `EventSource` (a GET: the body's fields as query parameters,
 * the last event ID as `Last-Event-ID` or `?lastEventId=`) and a WebSocket (`ws://…`, with the
 * `ws` package installed: the first message is the body, one message per event, 1000 at the
 * end, 4000 + status for an HTTP error, a dropped connection for a network fault).
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
  const handle = (request: MockRequest) =>
    answer(request, defaults).catch((error: unknown) => json(500, { error: String(error) }))
  const onEnd = (info: StreamEndInfo) => options.onStreamEnd?.(info)
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const method = req.method ?? 'GET'
    const body =
      method === 'GET' || method === 'OPTIONS' ? Promise.resolve(undefined) : readBody(req)
    body
      .then((raw) => handle({ method, url, headers: headersOf(req), body: raw }))
      .then((response) => sendResponse(res, response, url.pathname))
      .then(onEnd)
      .catch(() => res.destroy())
  })
  const closeSockets = await acceptSockets(server, handle, onEnd)
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
        closeSockets()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
