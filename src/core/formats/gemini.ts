import type { FormatAdapter, StreamPart, Usage } from '../parts.ts'
import { finishPart } from './finish.ts'
import { arrayOf, firstIndexed, isObject, numberOf, objectOf, parseJson, stringOf } from './json.ts'
import { hasError, providerError, sseData } from './provider-error.ts'
import { makeUsage } from './usage.ts'

const name = 'gemini'

/** True when a parsed SSE payload looks like a Gemini `GenerateContentResponse`. */
export function isGeminiChunk(value: unknown): boolean {
  return (
    isObject(value) &&
    (Array.isArray(value.candidates) || isObject(value.usageMetadata)) &&
    value.choices === undefined
  )
}

function geminiUsage(usage: unknown): Usage | undefined {
  if (!isObject(usage)) return undefined
  return makeUsage({
    inputTokens: numberOf(usage.promptTokenCount),
    outputTokens: numberOf(usage.candidatesTokenCount),
    totalTokens: numberOf(usage.totalTokenCount),
    reasoningTokens: numberOf(usage.thoughtsTokenCount),
    cachedInputTokens: numberOf(usage.cachedContentTokenCount),
  })
}

/**
 * Google Gemini `streamGenerateContent?alt=sse`, recognised by `auto`: text from
 * `candidates[0].content.parts[].text`; thought parts and function calls are `data` parts;
 * the end of the body is the end, with the last `finishReason` and `usageMetadata`;
 * `{"error": …}` is a provider error (its `code` is the HTTP status).
 */
export function createGeminiFormat(): FormatAdapter {
  let reason: string | undefined
  let usage: Usage | undefined
  return {
    name,
    framing: 'sse',
    end: 'stream-end',
    finish: () => finishPart(reason, usage),
    decode(message) {
      const data = sseData(name, message)
      if (data.trim() === '') return []
      const chunk = parseJson(data, name)
      if (!isObject(chunk)) return []
      if (hasError(chunk)) throw providerError(name, chunk)
      usage = geminiUsage(chunk.usageMetadata) ?? usage
      const candidate = firstIndexed(chunk.candidates)
      if (candidate === undefined) return []
      reason = stringOf(candidate.finishReason) ?? reason
      const content = objectOf(candidate.content)
      const parts: StreamPart[] = []
      for (const part of arrayOf(content.parts)) {
        if (!isObject(part)) continue
        if (typeof part.text === 'string' && part.thought !== true) {
          if (part.text !== '') parts.push({ type: 'text', text: part.text })
        } else {
          parts.push({ type: 'data', value: part })
        }
      }
      return parts
    },
  }
}
