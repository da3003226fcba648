import type { StreamOptions } from '../stream/types.ts'
import { sseEventNames } from './event-names.ts'
import { fromByteString, withQuery } from './query.ts'
import { createWireBody } from './wire-body.ts'

/**
 * The query parameter that carries the last event ID when the EventSource transport resumes:
 * an `EventSource` cannot set request headers, so `Last-Event-ID` goes in the URL.
 */
export const lastEventIdParam = 'lastEventId'

/**
 * An EventSource request is a GET: the request body travels as query parameters. A JSON
 * object's fields become parameters (strings as they are, other values as JSON); any other
 * body is one `body` parameter.
 */
function bodyParams(body: RequestInit['body']): [string, string][] {
  if (body === undefined || body === null) return []
  if (typeof body !== 'string') {
    throw new TypeError(
      "transport 'eventsource' sends a GET request: its body must be a plain object or a string, sent as query parameters",
    )
  }
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return [['body', body]]
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [['body', body]]
  return Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .map(([name, field]) => [name, typeof field === 'string' ? field : JSON.stringify(field)])
}

/** A server-sent `event: error` is a MessageEvent with data; a connection failure is not. */
function isServerEvent(event: Event): event is MessageEvent {
  return typeof (event as MessageEvent).data === 'string'
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}

/**
 * A `fetch` made of an `EventSource`, for `transport: 'eventsource'`. It resolves with a
 * response once the source opens, whose body is the messages re-encoded as an event stream,
 * so the formats decode them as they decode a fetched one. rivulet, not the EventSource,
 * decides about reconnecting: the source is closed on its first error (an EventSource would
 * otherwise reconnect forever, also after the answer's terminator), and the stream's retry
 * policy and resume take over. The last event ID goes in the `lastEventId` query parameter.
 *
 * Before the source opened, an error is a failed connection: an `ErrorEvent` with an HTTP
 * `code` (the `eventsource` package sends one) becomes that HTTP response, so the usual
 * status rules apply; the browser's EventSource tells no status, so its failure is a network
 * error. After it opened, an error is the end of the body: formats with a terminator report a
 * truncated stream (retried, resumed with the last event ID), formats without one are done.
 */
export function eventSourceFetch(options: StreamOptions): typeof fetch {
  const fetcher = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const Source = options.EventSource ?? globalThis.EventSource
      const { signal } = init
      if (signal?.aborted) return reject(abortReason(signal))
      const params = bodyParams(init.body)
      const lastEventId = new Headers(init.headers).get('last-event-id')
      if (lastEventId) params.push([lastEventIdParam, fromByteString(lastEventId)])
      const url = withQuery(input instanceof Request ? input.url : String(input), params)
      const source = new Source(url, { withCredentials: init.credentials === 'include' })
      let opened = false
      const close = () => {
        source.close()
        signal?.removeEventListener('abort', onAbort)
      }
      const body = createWireBody(options.format ?? 'auto', close)
      function onAbort() {
        close()
        if (!opened) reject(abortReason(signal as AbortSignal))
        else body.fail(abortReason(signal as AbortSignal) as Error)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      const onMessage = (event: Event) => {
        const message = event as MessageEvent
        body.push({ data: String(message.data), event: message.type, id: message.lastEventId })
      }
      for (const name of sseEventNames) {
        if (name !== 'error') source.addEventListener(name, onMessage)
      }
      source.addEventListener('open', () => {
        opened = true
        resolve(body.response)
      })
      source.addEventListener('error', (event) => {
        if (isServerEvent(event)) return onMessage(event)
        close()
        if (opened) return body.close()
        const { code, message } = event as Event & { code?: unknown; message?: unknown }
        if (typeof code === 'number' && code >= 400 && code <= 599) {
          return resolve(
            new Response(typeof message === 'string' ? message : null, { status: code }),
          )
        }
        reject(
          new TypeError(
            source.readyState === 2
              ? 'EventSource refused the stream (an HTTP error, or a Content-Type other than text/event-stream; EventSource does not tell which)'
              : 'EventSource could not connect',
          ),
        )
      })
    })
  return fetcher as typeof fetch
}
