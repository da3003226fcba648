import { createServer, request, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startMockServer, type MockServer, type StreamEndInfo } from 'rivulet/mock/server'

/** A mock LLM server on 127.0.0.1 (ephemeral port) that remembers how each answer ended. */
export async function startRecordingServer(): Promise<{
  server: MockServer
  ends: StreamEndInfo[]
}> {
  const ends: StreamEndInfo[] = []
  const server = await startMockServer({ port: 0, onStreamEnd: (info) => ends.push(info) })
  return { server, ends }
}

/** A JSON body parsed, or the text itself when it is not JSON. */
function parseOrText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

/** What a capturing fetch saw of one request it passed on. */
export interface SentRequest {
  url: string
  headers: Headers
  body: unknown
}

/** The global fetch, with every request's URL, headers and JSON body recorded. */
export function capturingFetch() {
  const sent: SentRequest[] = []
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const raw = typeof init.body === 'string' ? init.body : undefined
    sent.push({
      url: String(input),
      headers: new Headers(init.headers),
      body: raw === undefined ? undefined : parseOrText(raw),
    })
    return globalThis.fetch(input, init)
  }
  return { fetch: fetch as typeof globalThis.fetch, sent }
}

/** Waits (a bounded number of 10 ms polls) until `condition` holds; false if it never did. */
export async function until(condition: () => boolean, polls = 300): Promise<boolean> {
  for (let i = 0; i < polls; i++) {
    if (condition()) return true
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return condition()
}

/** Request headers by call: the nth request gets `list[n]`, later ones the last entry. */
export function headersByCall(...list: Record<string, string>[]): () => HeadersInit {
  let calls = 0
  return () => list[Math.min(calls++, list.length - 1)] ?? {}
}

/** What arrived at the capturing proxy: the request as the server side receives it. */
export interface ReceivedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: unknown
}

/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of `target`, recording every request as it
 * arrives over the wire (so a test sees what a server receives, not what a client meant to
 * send). A client that goes away takes the upstream request with it.
 */
export async function startCapturingProxy(target: string) {
  const received: ReceivedRequest[] = []
  const proxy = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (part: Buffer) => parts.push(part))
    req.on('end', () => {
      const raw = Buffer.concat(parts)
      const body = parseOrText(raw.toString('utf8'))
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body })
      const upstream = request(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
          answer.on('error', () => res.destroy())
        },
      )
      upstream.on('error', () => res.destroy())
      res.on('close', () => upstream.destroy())
      upstream.end(raw)
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close(() => resolve())
        proxy.closeAllConnections()
      }),
  }
}
