import type { StreamOptions } from './types.ts'

function isBodyInit(value: unknown): value is BodyInit {
  return (
    typeof value === 'string' ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    (typeof FormData !== 'undefined' && value instanceof FormData) ||
    (typeof URLSearchParams !== 'undefined' && value instanceof URLSearchParams) ||
    (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream)
  )
}

/**
 * WHATWG HTML §9.2.3 sends the last event ID "encoded as UTF-8". Header values are byte strings
 * (one char per byte), so a non-ASCII id is spelt as its UTF-8 bytes; as is, it would go out as
 * latin1 or, above U+00FF, make `Headers` throw.
 */
function utf8ByteString(value: string): string {
  // Any char from U+0080 up (incl. surrogates) needs its UTF-8 bytes spelt out.
  if (!/[\u0080-\uffff]/.test(value)) return value
  let out = ''
  for (const byte of new TextEncoder().encode(value)) out += String.fromCharCode(byte)
  return out
}

/**
 * The fetch arguments for one attempt. The body is `options.body(input)`, `options.body`, or
 * else the `start(input)` argument; plain values are sent as JSON. `lastEventId` (resuming an
 * SSE stream) becomes the `Last-Event-ID` header, as EventSource sends it.
 */
export async function buildRequest(
  options: StreamOptions,
  input: unknown,
  lastEventId: string,
  signal: AbortSignal,
): Promise<RequestInit> {
  const source = typeof options.headers === 'function' ? await options.headers() : options.headers
  const headers = new Headers(source)
  const raw =
    typeof options.body === 'function'
      ? (options.body as (input: unknown) => unknown)(input)
      : options.body !== undefined
        ? options.body
        : input
  let body: BodyInit | undefined
  if (raw !== undefined && raw !== null) {
    if (isBodyInit(raw)) body = raw
    else {
      body = JSON.stringify(raw)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
  }
  if (lastEventId) headers.set('last-event-id', utf8ByteString(lastEventId))
  const method = options.method ?? (body !== undefined ? 'POST' : 'GET')
  const init: RequestInit = { method, headers, body, signal }
  if (options.credentials !== undefined) init.credentials = options.credentials
  return init
}
