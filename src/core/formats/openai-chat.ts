import type { FormatAdapter, StreamPart, Usage } from '../parts.ts'
import { finishPart } from './finish.ts'
import {
  firstIndexed,
  isDone,
  isObject,
  numberOf,
  objectOf,
  parseJson,
  stringOf,
  type JsonObject,
} from './json.ts'
import { hasError, providerError, sseData } from './provider-error.ts'
import { createToolCallTracker } from './tool-calls.ts'
import { makeUsage } from './usage.ts'

const name = 'openai-chat'

const carries = (value: unknown) => value != null && value !== ''

/**
 * True when a delta carries a key that only a `data` part can expose: neither text nor a typed
 * part (the legacy `function_call`, audio). Named, not looped over as keys: it runs per token.
 */
function hasDataDelta(delta: JsonObject): boolean {
  return carries(delta.function_call) || carries(delta.audio)
}

/** Appends a text part for a non-empty string value. */
function pushText(parts: StreamPart[], text: unknown) {
  if (typeof text === 'string' && text !== '') parts.push({ type: 'text', text })
}

/** OpenAI's usage object (also sent by Azure and OpenAI-compatible servers) as a `Usage`. */
export function openaiChatUsage(usage: JsonObject): Usage | undefined {
  const prompt = objectOf(usage.prompt_tokens_details)
  const completion = objectOf(usage.completion_tokens_details)
  return makeUsage({
    inputTokens: numberOf(usage.prompt_tokens),
    outputTokens: numberOf(usage.completion_tokens),
    totalTokens: numberOf(usage.total_tokens),
    reasoningTokens: numberOf(completion.reasoning_tokens),
    cachedInputTokens: numberOf(prompt.cached_tokens),
  })
}

/** True when a parsed SSE payload looks like a chat completion chunk. */
export function isOpenAIChatChunk(value: unknown): boolean {
  return (
    isObject(value) && (Array.isArray(value.choices) || value.object === 'chat.completion.chunk')
  )
}

/**
 * OpenAI Chat Completions streaming (`stream: true`): text from `choices[0].delta.content`
 * (and `delta.refusal`, which is what the model says to the user), ends at `data: [DONE]`.
 * The finish part carries the last `finish_reason` and the `usage` chunk (`choices: []`,
 * sent with `stream_options.include_usage`). Chunks without choices (Azure's prompt filter
 * results) add nothing; `{"error": …}` is a provider error. Legacy completions chunks
 * (`choices[0].text`) are read too. `reasoning_content` (DeepSeek) or `reasoning` (OpenRouter,
 * vLLM) is reasoning; `tool_calls` deltas, keyed by `index` (only the first has the id and
 * name), are tool calls that the finish reason completes.
 */
export function createOpenAIChatFormat(): FormatAdapter {
  let reason: string | undefined
  let usage: Usage | undefined
  // Tool call deltas are keyed by `index`: only the first delta of a call has its id and name.
  const calls = createToolCallTracker<number>()
  return {
    name,
    framing: 'sse',
    end: 'finish-part',
    decode(message) {
      const data = sseData(name, message)
      // Almost every message is a JSON object; only the others can be the end or blank.
      if (data.charCodeAt(0) !== 0x7b /* { */) {
        // OpenAI's own SDKs end at any data that starts with `[DONE]`.
        if (isDone(data) || data.startsWith('[DONE]')) {
          return [...calls.endAll(), finishPart(reason, usage)]
        }
        if (data.trim() === '') return []
      }
      const chunk = parseJson(data, name)
      if (!isObject(chunk)) return []
      if (hasError(chunk)) throw providerError(name, chunk)
      // vLLM and other compatible servers: {"object": "error", "message": …, "code": 400}
      if (chunk.object === 'error') throw providerError(name, chunk)
      if (isObject(chunk.usage)) usage = openaiChatUsage(chunk.usage) ?? usage
      // Groq puts the usage of its last chunk under `x_groq`.
      const groq = chunk.x_groq
      if (isObject(groq) && isObject(groq.usage)) usage = openaiChatUsage(groq.usage) ?? usage
      // With n > 1 every chunk holds one choice; the answer shown is choice 0.
      const choice = firstIndexed(chunk.choices)
      if (choice === undefined) return []
      reason = stringOf(choice.finish_reason) ?? reason
      const delta = objectOf(choice.delta)
      // DeepSeek sends `reasoning_content`; OpenRouter, vLLM and others `reasoning`.
      const reasoning = stringOf(delta.reasoning_content) || stringOf(delta.reasoning)
      const parts: StreamPart[] = reasoning ? [{ type: 'reasoning', text: reasoning }] : []
      // Pushed one by one, not spread from arrays: this runs for every token.
      pushText(parts, delta.content)
      pushText(parts, delta.refusal)
      // The legacy completions endpoint (`/v1/completions`) streams `choices[0].text`.
      pushText(parts, choice.text)
      if (Array.isArray(delta.tool_calls)) {
        for (const call of delta.tool_calls) {
          if (!isObject(call)) continue
          const fn = objectOf(call.function)
          const key = numberOf(call.index) ?? 0
          parts.push(
            ...calls.delta(key, stringOf(call.id), stringOf(fn.name), stringOf(fn.arguments)),
          )
        }
      }
      if (hasDataDelta(delta)) {
        parts.push({ type: 'data', value: chunk })
      }
      // A finish reason closes the calls: their arguments are complete.
      if (choice.finish_reason != null) parts.push(...calls.endAll())
      return parts
    },
  }
}
