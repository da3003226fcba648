import type { EncodeContext, MockEncoder } from '../encoders.ts'

// FastAPI answers errors with `{ "detail": … }`; the generic formats use the same shape.
function detail(status: number, message?: string) {
  return { detail: message ?? `Request failed with status ${status}` }
}

function payload(context: EncodeContext, token: string) {
  return JSON.stringify({ [context.field]: token })
}

/**
 * A FastAPI-style SSE stream: `data: {"text": "…"}` per token (the field is configurable),
 * optionally ended by `data: [DONE]`; the end of the body is the terminator. A mid-stream
 * error is `event: error` with `{"error": {"message": …}}`.
 */
export const sseJsonEncoder: MockEncoder = {
  framing: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  init() {},
  head: () => [],
  token: (context, token) => [{ data: payload(context, token) }],
  tail: (context) => (context.done ? [{ data: '[DONE]' }] : []),
  providerError: (_context, message) => [
    { event: 'error', data: JSON.stringify({ error: { message } }) },
  ],
  malformed: (context) => ({ data: `{"${context.field}": "` }),
  errorBody: detail,
  completion: (context) => ({ [context.field]: context.text }),
}

/** One JSON object a line, `{"text": "…"}` per token; the end of the body ends it. */
export const ndjsonEncoder: MockEncoder = {
  framing: 'ndjson',
  contentType: 'application/x-ndjson',
  init() {},
  head: () => [],
  token: (context, token) => [{ data: payload(context, token) }],
  tail: () => [],
  providerError: (_context, message) => [{ data: JSON.stringify({ error: { message } }) }],
  malformed: (context) => ({ data: `{"${context.field}": "` }),
  errorBody: detail,
  completion: (context) => ({ [context.field]: context.text }),
}

/** The body is the text itself (`text/plain`), written token by token. */
export const textEncoder: MockEncoder = {
  framing: 'text',
  contentType: 'text/plain; charset=utf-8',
  init() {},
  head: () => [],
  token: (_context, token) => [{ data: token }],
  tail: () => [],
  errorBody: detail,
  completion: (context) => context.text,
}
