import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { relayToSocket } from '../socket/relay.ts'
import type { MockRequest } from './answer.ts'
import type { StreamEndInfo } from './send-response.ts'

/** The few members of a `ws` server socket the endpoint uses. */
interface ServerSocket {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  terminate(): void
  once(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[]) => void): void
  once(event: 'close', listener: () => void): void
}

interface SocketServer {
  handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    done: (socket: ServerSocket) => void,
  ): void
  close(): void
  clients: Set<ServerSocket>
}

const open = 1

function textOf(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data as ArrayBuffer).toString('utf8')
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  return headers
}

/** Refuses an upgrade with a plain HTTP answer (no WebSocket support without `ws`). */
function refuse(socket: Duplex, status: string, message: string) {
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(message)}\r\nconnection: close\r\n\r\n${message}`,
  )
}

/**
 * Answers WebSocket upgrades on every endpoint with the same scripts, formats, knobs and
 * faults as HTTP: the query string carries the knobs, the first message is the request body.
 * Needs the `ws` package (an optional peer); without it an upgrade is answered 501.
 */
export async function acceptSockets(
  server: Server,
  handle: (request: MockRequest) => Promise<Response>,
  onEnd: (info: StreamEndInfo) => void,
): Promise<() => void> {
  let sockets: SocketServer | undefined
  try {
    const { WebSocketServer } = (await import('ws')) as unknown as {
      WebSocketServer: new (options: { noServer: true }) => SocketServer
    }
    sockets = new WebSocketServer({ noServer: true })
  } catch {
    sockets = undefined
  }
  server.on('upgrade', (request: IncomingMessage, raw: Duplex, head: Buffer) => {
    if (!sockets) {
      return refuse(raw, '501 Not Implemented', 'install the ws package for WebSocket mocks')
    }
    sockets.handleUpgrade(request, raw, head, (socket) => {
      const url = new URL(request.url ?? '/', 'http://localhost')
      const stop = new AbortController()
      let gone = false
      socket.once('close', () => {
        gone = true
        stop.abort()
      })
      socket.once('message', (data) => {
        const info: StreamEndInfo = {
          path: url.pathname,
          transport: 'websocket',
          status: 0,
          reason: 'complete',
          chunks: 0,
          bytes: 0,
          writtenAt: [],
        }
        handle({
          method: 'POST',
          url,
          headers: headersOf(request),
          body: textOf(data),
          signal: stop.signal,
        })
          .then((response) => {
            info.status = response.status
            return relayToSocket(response, {
              send(message) {
                socket.send(message)
                info.chunks++
                info.bytes += Buffer.byteLength(message)
                info.writtenAt.push(Date.now())
              },
              close: (code, reason) => socket.close(code, reason),
              drop: () => socket.terminate(),
              gone: () => gone || socket.readyState !== open,
            })
          })
          .then((reason) => {
            info.reason = reason
            onEnd(info)
          })
          .catch(() => socket.terminate())
      })
    })
  })
  return () => {
    // Closing the server leaves its sockets open: drop them, as closeAllConnections does.
    for (const socket of sockets?.clients ?? []) socket.terminate()
    sockets?.close()
  }
}
