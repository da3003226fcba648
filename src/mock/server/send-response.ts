import type { ServerResponse } from 'node:http'

/** How a streamed answer ended. */
export type StreamEndReason = 'complete' | 'client-closed' | 'fault'

/** What the server reports about one answer when it ends. */
export interface StreamEndInfo {
  path: string
  /** How the answer travelled: an HTTP response (fetch or EventSource) or a WebSocket. */
  transport: 'http' | 'websocket'
  status: number
  reason: StreamEndReason
  /** Body chunks written to the socket. */
  chunks: number
  bytes: number
  /** When each chunk was written (`Date.now()`): what was generated after a client left. */
  writtenAt: number[]
}

/**
 * Writes a fetch `Response` to a node response as it streams. When the client goes away the
 * body is cancelled, which stops the mock's timers: no token is generated for nobody. A
 * body that errors (a network fault) resets the connection.
 */
export async function sendResponse(
  res: ServerResponse,
  response: Response,
  path: string,
): Promise<StreamEndInfo> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name] = value))
  res.writeHead(response.status, headers)
  const info: StreamEndInfo = {
    path,
    transport: 'http',
    status: response.status,
    reason: 'complete',
    chunks: 0,
    bytes: 0,
    writtenAt: [],
  }
  if (!response.body) {
    res.end()
    return info
  }
  res.flushHeaders()
  const reader = response.body.getReader()
  let clientGone = false
  const onClose = () => {
    if (res.writableEnded) return
    clientGone = true
    reader.cancel().catch(() => {})
  }
  res.on('close', onClose)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done || clientGone) break
      info.chunks++
      info.bytes += value.length
      info.writtenAt.push(Date.now())
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          res.once('drain', resolve)
          res.once('close', resolve)
        })
      }
    }
    if (clientGone) info.reason = 'client-closed'
    else res.end()
  } catch {
    info.reason = clientGone ? 'client-closed' : 'fault'
    // A reset, not a clean end: the client sees the connection drop mid-body.
    res.destroy()
  } finally {
    res.off('close', onClose)
  }
  return info
}
