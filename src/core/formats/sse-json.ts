import type { FormatAdapter, StreamPart } from '../parts.ts'
import { finishPart, textParts } from './finish.ts'
import { genericText, isGenericError } from './generic-text.ts'
import { isDone, parseJson } from './json.ts'
import { providerError, sseData } from './provider-error.ts'

const name = 'sse-json'

/** Decodes one generic JSON value: its text, an error, or a `data` part. */
export function decodeGenericJson(format: string, value: unknown): StreamPart[] {
  if (isGenericError(value)) throw providerError(format, value)
  const text = genericText(value)
  if (text !== undefined) return textParts(text)
  return [{ type: 'data', value }]
}

/**
 * Server-sent events whose data is JSON with the text in `text`, `token`, `content` or
 * `delta` (the FastAPI / sse-starlette style), or a JSON string. Other JSON values become
 * `data` parts; `{"error": …}` and `event: error` are provider errors; `[DONE]` ends the
 * stream early; otherwise the end of the body is the end.
 */
export function createSSEJsonFormat(): FormatAdapter {
  return {
    name,
    framing: 'sse',
    end: 'stream-end',
    decode(message) {
      const data = sseData(name, message)
      if (isDone(data)) return [finishPart()]
      if (data.trim() === '') return []
      const value = parseJson(data, name)
      return decodeGenericJson(name, value)
    },
  }
}
