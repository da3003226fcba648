import type { StreamOptions } from '../stream/types.ts'
import { eventSourceFetch } from './event-source.ts'
import { webSocketFetch } from './web-socket.ts'

const transports = ['fetch', 'eventsource', 'websocket'] as const

/**
 * Throws a `TypeError` for a transport rivulet does not know, or one whose constructor this
 * runtime lacks (Node 20 has neither `EventSource` nor `WebSocket`: inject one).
 */
export function checkTransport(options: StreamOptions): void {
  const transport = options.transport ?? 'fetch'
  if (!transports.includes(transport)) {
    throw new TypeError(
      `Unknown transport "${String(transport)}". Did you mean one of: ${transports.join(', ')}?`,
    )
  }
  if (transport === 'eventsource' && !(options.EventSource ?? globalThis.EventSource)) {
    throw new TypeError(
      "transport 'eventsource' needs an EventSource: this runtime has none, so pass one as the EventSource option (e.g. from the eventsource package)",
    )
  }
  if (transport === 'websocket' && !(options.WebSocket ?? globalThis.WebSocket)) {
    throw new TypeError(
      "transport 'websocket' needs a WebSocket: this runtime has none, so pass one as the WebSocket option (e.g. from the ws package)",
    )
  }
}

/** The `fetch` an attempt calls: the injected or global one, or one made of the transport. */
export function transportFetch(options: StreamOptions): typeof fetch {
  switch (options.transport) {
    case 'eventsource':
      return eventSourceFetch(options)
    case 'websocket':
      return webSocketFetch(options)
    default:
      return options.fetch ?? globalThis.fetch
  }
}
