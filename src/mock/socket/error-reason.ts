function parseOrText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

/**
 * The message of a mock's JSON error body, cut to fit a WebSocket close frame (123 bytes): a
 * socket has no status line, so an HTTP error is the close code 4000 + status and this reason.
 */
export async function errorReason(response: Response): Promise<string> {
  const body = parseOrText(await response.text())
  // The providers' shapes: { error: { message } }, { error: "…" }, FastAPI's { detail }.
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const error = record.error as { message?: unknown } | string | undefined
  const message =
    typeof body === 'string'
      ? body
      : typeof error === 'string'
        ? error
        : (error?.message ?? record.detail)
  const text = typeof message === 'string' ? message : ''
  const encoder = new TextEncoder()
  let reason = ''
  for (const char of text) {
    if (encoder.encode(reason + char).length > 123) break
    reason += char
  }
  return reason
}
