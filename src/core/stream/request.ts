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
  if (lastEventId) headers.set('last-event-id', lastEventId)
  return { method: options.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body, signal }
}
