import type { FormatAdapter, StreamPart } from '../parts.ts'
import { finishPart, textParts } from './finish.ts'
import { arrayOf, isObject, numberOf, objectOf, stringOf } from './json.ts'
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
 * `prompt_eval_count` and `eval_count` make the finish part. `message.thinking` (or
 * `thinking`) is reasoning; each of `message.tool_calls` is a complete tool call (start, its
 * arguments as JSON text, end); `{"error": …}` is a provider error.
 */
export function createOllamaFormat(): FormatAdapter {
  let calls = 0
  return {
    name,
    framing: 'ndjson',
    end: 'finish-part',
    decode(chunk) {
      if (!isObject(chunk)) return []
      if (hasError(chunk)) throw providerError(name, chunk)
      const message = objectOf(chunk.message)
      // `message.thinking` on /api/chat, `thinking` on /api/generate.
      const thinking = stringOf(message.thinking) || stringOf(chunk.thinking)
      const parts: StreamPart[] = thinking ? [{ type: 'reasoning', text: thinking }] : []
      parts.push(...textParts(message.content), ...textParts(chunk.response))
      // Ollama sends each tool call whole, its arguments an object.
      for (const call of arrayOf(message.tool_calls)) {
        if (!isObject(call)) continue
        const fn = objectOf(call.function)
        const id = stringOf(call.id) ?? `call_${calls++}`
        const args = fn.arguments === undefined ? '{}' : JSON.stringify(fn.arguments)
        parts.push(
          { type: 'tool-call-start', id, name: stringOf(fn.name) ?? '' },
          { type: 'tool-call-delta', id, argsText: args },
          { type: 'tool-call-end', id },
        )
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
