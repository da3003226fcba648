import { StreamError } from '../errors.ts'
import { parseRetryAfter } from './retry.ts'

const maxBodyChars = 2000

function messageFrom(body: string): string | undefined {
  const text = body.trim()
  // An HTML error page (a proxy's 502, a framework's debug page) is markup, not a message.
  if (!text || text.startsWith('<')) return undefined
  try {
    const json: unknown = JSON.parse(text)
    if (typeof json === 'object' && json !== null) {
      const record = json as Record<string, unknown>
      const error = record.error
      if (typeof error === 'string') return error
      if (typeof error === 'object' && error !== null) {
        const message = (error as Record<string, unknown>).message
        if (typeof message === 'string') return message
      }
      for (const key of ['message', 'detail']) {
        if (typeof record[key] === 'string') return record[key]
      }
    }
  } catch {
    // Not JSON: the body itself is the message.
  }
  return text.length > maxBodyChars ? undefined : text
}

async function readSmallBody(response: Response, signal?: AbortSignal): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? 0)
  if (!response.body || length > maxBodyChars) {
    void response.body?.cancel().catch(() => {})
    return ''
  }
  // An error body that never ends must not hold the stream: stop at the first chunk that
  // makes it long enough, and on abort.
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const onAbort = () => void reader.cancel().catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    while (text.length <= maxBodyChars) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } catch {
    // The message is a nicety; the status is what matters.
  } finally {
    signal?.removeEventListener('abort', onAbort)
    void reader.cancel().catch(() => {})
  }
  return text
}

/**
 * The `'http'` StreamError for a response that is not ok: its status, whether it is worth
 * retrying (408, 429, 5xx), the server's `Retry-After` in ms, and a message from a small body.
 */
export async function httpError(
  response: Response,
  partialText: string,
  signal?: AbortSignal,
): Promise<StreamError> {
  const retryAfter = parseRetryAfter(response.headers)
  const body = await readSmallBody(response, signal)
  const detail = messageFrom(body)
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
  return new StreamError('http', detail ? `${status}: ${detail}` : status, {
    status: response.status,
    retryAfter,
    partialText,
  })
}
