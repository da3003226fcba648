import type { FormatAdapter, SSEMessage, StreamPart, Usage } from '../parts.ts'
import { finishPart, textParts } from './finish.ts'
import { isObject, numberOf, objectOf, stringOf, type JsonObject } from './json.ts'
import { providerError } from './provider-error.ts'
import { readTypedEvent } from './typed-event.ts'
import { makeUsage } from './usage.ts'

const name = 'openai-responses'

// Events that only restate what other events already delivered, or report progress.
const silent = new Set([
  'response.created',
  'response.in_progress',
  'response.queued',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.done',
  'response.refusal.done',
])

// A Responses `error` event has its fields at the top (`code`, `message`), or, as some
// deployments send it, nested under `error` — but always with the stream's sequence number,
// which Anthropic's `{type: "error", error: {…}}` never has.
function isResponsesError(value: JsonObject): boolean {
  return !isObject(value.error) || value.sequence_number !== undefined
}

/** True when a parsed SSE payload looks like a Responses API stream event. */
export function isOpenAIResponsesEvent(value: unknown): boolean {
  if (!isObject(value)) return false
  const type = stringOf(value.type)
  return (
    type !== undefined &&
    (type.startsWith('response.') || (type === 'error' && isResponsesError(value)))
  )
}

function responsesUsage(usage: unknown): Usage | undefined {
  if (!isObject(usage)) return undefined
  const input = objectOf(usage.input_tokens_details)
  const output = objectOf(usage.output_tokens_details)
  return makeUsage({
    inputTokens: numberOf(usage.input_tokens),
    outputTokens: numberOf(usage.output_tokens),
    totalTokens: numberOf(usage.total_tokens),
    reasoningTokens: numberOf(output.reasoning_tokens),
    cachedInputTokens: numberOf(input.cached_tokens),
  })
}

/**
 * OpenAI Responses API streaming: text from `response.output_text.delta` (and
 * `response.refusal.delta`). `response.completed` ends it with reason `'stop'`;
 * `response.incomplete` ends it normally with `incomplete_details.reason` (such as
 * `'max_output_tokens'`); both carry `response.usage`. `response.failed` and `error` are
 * provider errors. Tool-call, reasoning, annotation and output-item events add no text and
 * are `data` parts; lifecycle events are skipped.
 */
export function createOpenAIResponsesFormat(): FormatAdapter {
  return {
    name,
    framing: 'sse',
    end: 'finish-part',
    decode(message): StreamPart[] {
      const read = readTypedEvent(name, message as SSEMessage)
      if (read === undefined) return []
      const { type, payload } = read
      const response = objectOf(payload.response)
      switch (type) {
        case 'response.output_text.delta':
        case 'response.refusal.delta':
          return textParts(payload.delta)
        case 'response.completed':
          return [finishPart('stop', responsesUsage(response.usage))]
        case 'response.incomplete': {
          const details = objectOf(response.incomplete_details)
          return [finishPart(stringOf(details.reason), responsesUsage(response.usage))]
        }
        case 'response.failed':
          throw providerError(name, response.error ?? response)
        default:
          return type !== undefined && silent.has(type) ? [] : [{ type: 'data', value: payload }]
      }
    },
  }
}
