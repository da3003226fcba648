import type { FormatAdapter, StreamPart } from '../parts.ts'
import { finishPart, textParts } from './finish.ts'
import { isObject, numberOf, objectOf, stringOf } from './json.ts'
import { hasError, providerError } from './provider-error.ts'
import { makeUsage } from './usage.ts'

const name = 'ollama'

/** True when a parsed NDJSON line looks like an Ollama `/api/chat` or `/api/generate` chunk. */
export function isOllamaChunk(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.done === 'boolean' &&
    (isObject(value.message) || typeof value.response === 'string')
  )
}

/**
 * Ollama's NDJSON stream: text from `message.content` (`/api/chat`) or `response`
 * (`/api/generate`), ends at the line with `done: true`, whose `done_reason`,
 * `prompt_eval_count` and `eval_count` make the finish part. `message.thinking` and
 * `message.tool_calls` are `data` parts; `{"error": …}` is a provider error.
 */
export function createOllamaFormat(): FormatAdapter {
  return {
    name,
    framing: 'ndjson',
    end: 'finish-part',
    decode(chunk) {
      if (!isObject(chunk)) return []
      if (hasError(chunk)) throw providerError(name, chunk)
      const message = objectOf(chunk.message)
      const parts: StreamPart[] = [...textParts(message.content), ...textParts(chunk.response)]
      const hasThinking = typeof message.thinking === 'string' && message.thinking !== ''
      const hasThinkingGenerate = typeof chunk.thinking === 'string' && chunk.thinking !== ''
      if (hasThinking || hasThinkingGenerate || message.tool_calls !== undefined) {
        parts.push({ type: 'data', value: chunk })
      }
      if (chunk.done === true) {
        const usage = makeUsage({
          inputTokens: numberOf(chunk.prompt_eval_count),
          outputTokens: numberOf(chunk.eval_count),
        })
        parts.push(finishPart(stringOf(chunk.done_reason), usage))
      }
      return parts
    },
  }
}
