import { StreamError } from '../errors.ts'
import type { StreamPart } from '../parts.ts'
import { anthropicUsage, mergeRawUsage } from './anthropic.ts'
import { finishPart, textParts } from './finish.ts'
import { genericText, isGenericError } from './generic-text.ts'
import {
  arrayOf,
  firstIndexed,
  isObject,
  numberOf,
  objectOf,
  stringOf,
  type JsonObject,
} from './json.ts'
import { openaiChatUsage } from './openai-chat.ts'
import { responsesUsage } from './openai-responses.ts'
import { hasError, providerError } from './provider-error.ts'
import { isOllamaChunk } from './ollama.ts'
import { makeUsage } from './usage.ts'

/** OpenAI Chat Completions, `stream: false`: `choices[0].message`. */
function chatCompletion(value: JsonObject): StreamPart[] {
  const choice = firstIndexed(value.choices) ?? {}
  const message = objectOf(choice.message)
  const parts: StreamPart[] = [
    ...textParts(message.content),
    ...textParts(message.refusal),
    // The legacy completions endpoint answers `choices[0].text`.
    ...textParts(choice.text),
  ]
  if (message.tool_calls != null || message.function_call != null || message.audio != null) {
    parts.push({ type: 'data', value })
  }
  const usage = isObject(value.usage) ? openaiChatUsage(value.usage) : undefined
  parts.push(finishPart(stringOf(choice.finish_reason), usage))
  return parts
}

/** OpenAI Responses, `stream: false`: the `output_text` of its message items. */
function responsesCompletion(value: JsonObject): StreamPart[] {
  if (value.status === 'failed') throw providerError('openai-responses', value.error ?? value)
  const parts: StreamPart[] = []
  for (const item of arrayOf(value.output)) {
    if (!isObject(item)) continue
    if (item.type !== 'message') {
      // Reasoning, tool calls, searches: no answer text.
      parts.push({ type: 'data', value: item })
      continue
    }
    for (const content of arrayOf(item.content)) {
      if (!isObject(content)) continue
      if (content.type === 'output_text') parts.push(...textParts(content.text))
      else if (content.type === 'refusal') parts.push(...textParts(content.refusal))
      else parts.push({ type: 'data', value: content })
    }
  }
  const reason =
    value.status === 'incomplete'
      ? stringOf(objectOf(value.incomplete_details).reason)
      : value.status === 'completed'
        ? 'stop'
        : undefined
  parts.push(finishPart(reason, responsesUsage(value.usage)))
  return parts
}

/** Anthropic Messages, `stream: false`: its text blocks. */
function anthropicMessage(value: JsonObject): StreamPart[] {
  const parts: StreamPart[] = []
  for (const block of arrayOf(value.content)) {
    if (!isObject(block)) continue
    if (block.type === 'text') parts.push(...textParts(block.text))
    else parts.push({ type: 'data', value: block })
  }
  const usage = anthropicUsage(mergeRawUsage({}, value.usage))
  parts.push(finishPart(stringOf(value.stop_reason), usage))
  return parts
}

/** Ollama `/api/chat` or `/api/generate` with `stream: false`: one object with `done: true`. */
function ollamaCompletion(value: JsonObject): StreamPart[] {
  const message = objectOf(value.message)
  const parts: StreamPart[] = [...textParts(message.content), ...textParts(value.response)]
  if (message.tool_calls !== undefined || message.thinking || value.thinking) {
    parts.push({ type: 'data', value })
  }
  const usage = makeUsage({
    inputTokens: numberOf(value.prompt_eval_count),
    outputTokens: numberOf(value.eval_count),
  })
  parts.push(finishPart(stringOf(value.done_reason), usage))
  return parts
}

/** Gemini `generateContent`: `candidates[0].content.parts`. */
function geminiCompletion(value: JsonObject): StreamPart[] {
  const candidate = firstIndexed(value.candidates) ?? {}
  const parts: StreamPart[] = []
  for (const part of arrayOf(objectOf(candidate.content).parts)) {
    if (!isObject(part)) continue
    if (typeof part.text === 'string' && part.thought !== true) parts.push(...textParts(part.text))
    else parts.push({ type: 'data', value: part })
  }
  const meta = objectOf(value.usageMetadata)
  const usage = makeUsage({
    inputTokens: numberOf(meta.promptTokenCount),
    outputTokens: numberOf(meta.candidatesTokenCount),
    totalTokens: numberOf(meta.totalTokenCount),
  })
  parts.push(finishPart(stringOf(candidate.finishReason), usage))
  return parts
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

/**
 * Decodes one whole JSON document where a stream was expected: most often a provider's
 * non-streamed answer, because the request body lacked `stream: true`. An OpenAI chat
 * completion, a Responses `response`, an Anthropic `message`, an Ollama reply with
 * `done: true` or a Gemini `generateContent` answer becomes its text (tool calls and other
 * items as `data` parts) and a finish part with its reason and usage: the answer at once.
 * An error body (`{"error": …}`, `{"type": "error"}`, `{"object": "error"}`) is a `provider`
 * error, even with status 200. Any other JSON is a generic answer when it has a text field
 * (`text`, `token`, `content`, `delta`), else a `parse` error that shows its start: it is
 * not an answer rivulet can read, and printing it as one would be a silent wrong answer.
 */
export function decodeCompletion(format: string, value: unknown): StreamPart[] {
  if (isObject(value)) {
    if (hasError(value) || value.object === 'error' || isGenericError(value)) {
      throw providerError(format, value)
    }
    if (value.object === 'chat.completion' || value.object === 'text_completion') {
      return chatCompletion(value)
    }
    if (Array.isArray(value.choices)) return chatCompletion(value)
    if (value.object === 'response') return responsesCompletion(value)
    if (value.type === 'message' && Array.isArray(value.content)) return anthropicMessage(value)
    if (isOllamaChunk(value) && value.done === true) return ollamaCompletion(value)
    if (Array.isArray(value.candidates)) return geminiCompletion(value)
  }
  const text = genericText(value)
  if (text !== undefined) return [...textParts(text), finishPart()]
  throw new StreamError(
    'parse',
    `${format}: expected a stream but got one JSON document that is not an answer: ${shown(value)}`,
    { retryable: false },
  )
}
