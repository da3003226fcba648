import { StreamError } from '../errors.ts'
import type { SSEMessage } from '../parts.ts'
import { isObject, numberOf, stringOf, type JsonObject } from './json.ts'

// Providers name the error in the stream body; these names stand for the HTTP statuses the
// same failure gets before streaming starts, so retryability follows the usual status rules
// (Anthropic's overloaded_error mid-stream is the 529 it would have been).
const statusOfCode: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  rate_limit_exceeded: 429,
  api_error: 500,
  server_error: 500,
  internal_server_error: 500,
  service_unavailable: 503,
  timeout_error: 504,
  overloaded_error: 529,
}

/**
 * True when a payload carries an `error` field that says something: not absent, null, false
 * or an empty string (some servers send `"error": null` or `""` on every message).
 */
export function hasError(payload: JsonObject): boolean {
  const { error } = payload
  return typeof error === 'string'
    ? error !== ''
    : error !== undefined && error !== null && error !== false
}

/**
 * A `provider` error from an error payload in the stream: `{error: {message, type, code}}`,
 * `{error: "message"}`, `{type: "error", message | errorText, code}`, FastAPI's `{detail}`
 * or a bare string.
 */
export function providerError(format: string, payload: unknown): StreamError {
  const inner = isObject(payload) && hasError(payload) ? payload.error : payload
  let message: string | undefined
  let code: string | undefined
  let status: number | undefined
  if (typeof inner === 'string') {
    message = inner
  } else if (isObject(inner)) {
    // `detail` is FastAPI's error field (`HTTPException`), which Python servers pass on.
    message = stringOf(inner.message) ?? stringOf(inner.errorText) ?? stringOf(inner.detail)
    // `type: "error"` only says what the message is; a real type names the error.
    code =
      stringOf(inner.code) ??
      (inner.type === 'error' ? undefined : stringOf(inner.type)) ??
      stringOf(inner.status)
    status = numberOf(inner.status) ?? numberOf(inner.status_code) ?? numberOf(inner.code)
  }
  if (status === undefined && code !== undefined) status = statusOfCode[code]
  return new StreamError(
    'provider',
    `${format}: ${message || code || 'the provider sent an error'}`,
    {
      status,
      code,
      cause: payload,
    },
  )
}

/** The error an `event: error` message carries: its JSON, or its text when it is not JSON. */
function sseErrorEvent(format: string, data: string): StreamError {
  let payload: unknown = data
  try {
    payload = JSON.parse(data)
  } catch {
    // Plain text is the message itself.
  }
  return providerError(format, payload)
}

/**
 * The data of an SSE message. An `event: error` message throws its provider error instead:
 * it ends the stream whatever its data is, even none.
 */
export function sseData(format: string, message: SSEMessage): string {
  if (message.event === 'error') throw sseErrorEvent(format, message.data)
  return message.data
}
