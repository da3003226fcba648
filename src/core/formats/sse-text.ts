import type { FormatAdapter } from '../parts.ts'
import { finishPart, textParts } from './finish.ts'
import { isDone } from './json.ts'
import { sseData } from './provider-error.ts'

/**
 * Server-sent events whose data is plain text (`data: Hello`). `auto` picks it when the
 * first message of an event stream is not JSON; `event: error` is a provider error; `[DONE]` ends it early, otherwise the end of
 * the body is the end.
 */
export function createSSETextFormat(): FormatAdapter {
  return {
    name: 'sse-text',
    framing: 'sse',
    end: 'stream-end',
    decode(message) {
      const data = sseData('sse-text', message)
      return isDone(data) ? [finishPart()] : textParts(data)
    },
  }
}
