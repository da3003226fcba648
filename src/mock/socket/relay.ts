import { errorReason } from './error-reason.ts'
import { socketMessages } from './socket-messages.ts'

/** The server side of one WebSocket connection, as a relay writes to it. */
export interface SocketSink {
  send(message: string): void
  close(code: number, reason: string): void
  /** Ends the connection without a close frame: the client sees 1006. */
  drop(): void
  /** Whether the client has gone (closed or dropped). */
  gone(): boolean
}

/** How a relayed answer ended. */
export type RelayEnd = 'complete' | 'client-closed' | 'fault'

/**
 * Relays a mock's response over a WebSocket: one message per event (as `socketMessages`
 * splits it), a normal close (1000) after the last, an HTTP error as the close code
 * 4000 + status with the error's message as the reason, a network fault as a dropped
 * connection. Stops reading when the client has gone.
 */
export async function relayToSocket(response: Response, sink: SocketSink): Promise<RelayEnd> {
  if (response.status >= 400) {
    sink.close(4000 + response.status, await errorReason(response))
    return 'complete'
  }
  try {
    for await (const message of socketMessages(response)) {
      if (sink.gone()) break
      sink.send(message)
    }
    if (sink.gone()) return 'client-closed'
    sink.close(1000, '')
    return 'complete'
  } catch {
    if (sink.gone()) return 'client-closed'
    sink.drop()
    return 'fault'
  }
}
