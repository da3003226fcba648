import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createStream } from 'rivulet/core'

/** A local HTTP server on 127.0.0.1 with an ephemeral port, for tests over real sockets. */
export interface TestServer {
  url: string
  /** Requests received so far, in order. */
  requests: IncomingMessage[]
  close(): Promise<void>
}

/** Starts `handle` on 127.0.0.1:0. Connections are closed on `close()`. */
export async function startServer(
  handle: (req: IncomingMessage, res: ServerResponse, index: number) => void,
): Promise<TestServer> {
  const requests: IncomingMessage[] = []
  const server = createServer((req, res) => {
    requests.push(req)
    handle(req, res, requests.length - 1)
  })
  server.keepAliveTimeout = 1
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Writes `bytes` and then destroys the socket: the connection drops right there. */
export function writeThenDrop(res: ServerResponse, bytes: Uint8Array): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  res.flushHeaders()
  if (bytes.length === 0) {
    setImmediate(() => res.socket?.destroy())
    return
  }
  res.write(bytes, () => setImmediate(() => res.socket?.destroy()))
}

/** A `TestServer` whose next request can be cut part way through a body. */
export interface CutServer extends TestServer {
  /** The next request gets the first `k` bytes of the body, then a dropped connection. */
  cutNext(k: number): void
}

/**
 * Starts a server for cut-and-reconnect tests: after `cutNext(k)` the next request is cut
 * after `k` bytes of `bytes`; every other request (the reconnections) goes to `serve`.
 */
export async function startCutServer(
  bytes: Uint8Array,
  serve: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<CutServer> {
  let cutAt: number | undefined
  const server = await startServer((req, res) => {
    if (cutAt === undefined) return serve(req, res)
    writeThenDrop(res, bytes.subarray(0, cutAt))
    cutAt = undefined
  })
  return { ...server, cutNext: (k) => (cutAt = k) }
}

/** A handler that answers every request with the whole of `bytes` as an event stream. */
export function serveWhole(bytes: Uint8Array) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.end(bytes)
  }
}

/**
 * Cuts the server's next response after `k` bytes and streams from it as openai-chat with up
 * to three quick retries: the result, the longest text shown on the way, and how many
 * requests the server had seen before this run.
 */
export async function streamCutAt(server: CutServer, k: number) {
  server.cutNext(k)
  const stream = createStream({
    url: server.url,
    format: 'openai-chat',
    retry: { retries: 3, baseDelay: 1, jitter: false },
  })
  let longest = 0
  stream.subscribe(() => (longest = Math.max(longest, stream.getSnapshot().text.length)))
  const before = server.requests.length
  const result = await stream.start()
  return { result, longest, before }
}
