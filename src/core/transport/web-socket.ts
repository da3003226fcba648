import { StreamError } from '../errors.ts'
import type { StreamOptions } from '../stream/types.ts'
import { createWireBody } from './wire-body.ts'

/** WebSocket close codes that end a conversation cleanly (1005: closed without a code). */
const normalCloses = new Set([1000, 1005])

/** `http(s):` URLs become `ws(s):`; a relative URL is resolved against the page, if any. */
export function toSocketUrl(url: string): string {
  const base = (globalThis as { location?: { href?: string } }).location?.href
  let parsed: URL
  try {
    parsed = new URL(url, base)
  } catch {
    return url
  }
  if (parsed.protocol === 'http:') parsed.protocol = 'ws:'
  else if (parsed.protocol === 'https:') parsed.protocol = 'wss:'
  return parsed.href
}

const utf8 = new TextDecoder()

function textOf(data: unknown): string {
  if (typeof data === 'string') return data
  if (data instanceof ArrayBuffer) return utf8.decode(data)
  if (ArrayBuffer.isView(data)) return utf8.decode(data)
  return String(data)
}

type SocketData = string | ArrayBufferLike | Blob | ArrayBufferView

function isSendable(body: unknown): body is SocketData {
  return (
    typeof body === 'string' ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== 'undefined' && body instanceof Blob)
  )
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}

/**
 * A `fetch` made of a `WebSocket`, for `transport: 'websocket'`. It opens the URL, sends the
 * request body (JSON for plain objects) as the first message and resolves with a response
 * once the socket is open, whose body is the messages re-encoded in the framing of the format:
 * each message is one event (the data of an SSE event, one NDJSON line, or a piece of text).
 * A normal close (1000) is the end of the body, so a format with a terminator that closes
 * before it is truncated; a close code of 4000 + an HTTP status (4429, 4503: a convention of
 * WebSocket servers, which have no status line) is that HTTP error, retried as the status
 * rules say; any other close is a dropped connection (a network error, retried by the
 * stream's policy). A stop, the terminator or a timeout closes the socket with 1000.
 * Headers cannot be sent on a browser WebSocket and are ignored.
 */
export function webSocketFetch(options: StreamOptions): typeof fetch {
  const fetcher = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const Socket = options.WebSocket ?? globalThis.WebSocket
      const { signal } = init
      if (signal?.aborted) return reject(abortReason(signal))
      const message = init.body ?? undefined
      if (message !== undefined && !isSendable(message)) {
        throw new TypeError(
          "transport 'websocket' sends the body as its first message: a plain object, a string or bytes",
        )
      }
      const socket = new Socket(toSocketUrl(input instanceof Request ? input.url : String(input)))
      socket.binaryType = 'arraybuffer'
      let opened = false
      let settled = false
      const close = () => {
        signal?.removeEventListener('abort', onAbort)
        // CONNECTING or OPEN: a socket that is closing or closed needs nothing more.
        if (socket.readyState <= 1) socket.close(1000)
      }
      const body = createWireBody(options.format ?? 'auto', close)
      const fail = (error: unknown) => {
        if (settled) return
        settled = true
        reject(error)
      }
      function onAbort() {
        close()
        if (!opened) fail(abortReason(signal as AbortSignal))
        else body.fail(abortReason(signal as AbortSignal) as Error)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      socket.addEventListener('open', () => {
        opened = true
        settled = true
        if (message !== undefined) socket.send(message)
        resolve(body.response)
      })
      socket.addEventListener('message', (event) => body.push({ data: textOf(event.data) }))
      socket.addEventListener('error', () => {
        if (!opened) fail(new TypeError('WebSocket could not connect'))
      })
      socket.addEventListener('close', (event) => {
        signal?.removeEventListener('abort', onAbort)
        if (!opened)
          return fail(new TypeError(`WebSocket closed before it opened (code ${event.code})`))
        if (normalCloses.has(event.code)) return body.close()
        const reason = event.reason ? `: ${event.reason}` : ''
        const status = event.code - 4000
        if (status >= 400 && status <= 599) {
          return body.fail(new StreamError('http', `HTTP ${status}${reason}`, { status }))
        }
        body.fail(new TypeError(`WebSocket closed abnormally (code ${event.code}${reason})`))
      })
    })
  return fetcher as typeof fetch
}
