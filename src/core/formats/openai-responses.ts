import type { FormatAdapter, StreamPart, Usage } from '../parts.ts'
import { finishPart, textParts } from './finish.ts'
import { isObject, numberOf, objectOf, stringOf, type JsonObject } from './json.ts'
import { providerError } from './provider-error.ts'
import { createToolCallTracker } from './tool-calls.ts'
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
  'response.reasoning_summary_text.done',
  'response.reasoning_summary_part.done',
  'response.reasoning_text.done',
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

/** The Responses API usage object as a `Usage`. */
export function responsesUsage(usage: unknown): Usage | undefined {
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
 * provider errors. Reasoning summary (and reasoning text) deltas are reasoning; a
 * `function_call` item and its argument deltas a tool call (its id the `call_id`); a
 * `url_citation` annotation a source. Other output-item events are `data` parts; lifecycle
 * events are skipped.
 */
export function createOpenAIResponsesFormat(): FormatAdapter {
  // Function calls by item id (`fc_…`); their `call_id` is what a result refers to.
  const calls = createToolCallTracker<string>()
  return {
    name,
    framing: 'sse',
    end: 'finish-part',
    decode(message): StreamPart[] {
      const read = readTypedEvent(name, message)
      if (read === undefined) return []
      const { type, payload } = read
      const response = objectOf(payload.response)
      switch (type) {
        case 'response.output_text.delta':
        case 'response.refusal.delta':
          return textParts(payload.delta)
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          return typeof payload.delta === 'string' && payload.delta !== ''
            ? [{ type: 'reasoning', text: payload.delta }]
            : []
        case 'response.reasoning_summary_part.added':
          // Summary parts are paragraphs: the second and later start on a new one.
          return (numberOf(payload.summary_index) ?? 0) > 0
            ? [{ type: 'reasoning', text: '\n\n' }]
            : []
        case 'response.output_item.added':
        case 'response.output_item.done':
          return outputItem(type, objectOf(payload.item), payload)
        case 'response.function_call_arguments.delta': {
          const key = stringOf(payload.item_id) ?? ''
          return calls.delta(key, undefined, undefined, stringOf(payload.delta))
        }
        case 'response.function_call_arguments.done':
          return calls.end(stringOf(payload.item_id) ?? '')
        case 'response.output_text.annotation.added': {
          const annotation = objectOf(payload.annotation)
          const url = stringOf(annotation.url)
          if (annotation.type !== 'url_citation' || url === undefined) return []
          const title = stringOf(annotation.title)
          return [title === undefined ? { type: 'source', url } : { type: 'source', url, title }]
        }
        case 'response.completed':
          return [...calls.endAll(), finishPart('stop', responsesUsage(response.usage))]
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

  /**
   * A function call item starts its call (with the `call_id` and name) when added and ends it
   * when done, with the complete arguments if no delta brought them. Other items add nothing
   * here (their content streams in their own events), but stay visible as `data`.
   */
  function outputItem(type: string, item: JsonObject, payload: JsonObject): StreamPart[] {
    if (item.type !== 'function_call') return [{ type: 'data', value: payload }]
    const key = stringOf(item.id) ?? stringOf(item.call_id) ?? ''
    const id = stringOf(item.call_id) ?? stringOf(item.id)
    if (type === 'response.output_item.added') {
      return calls.delta(key, id, stringOf(item.name), stringOf(item.arguments))
    }
    const started = calls.idOf(key) !== undefined
    const parts = started ? [] : calls.delta(key, id, stringOf(item.name), stringOf(item.arguments))
    return [...parts, ...calls.end(key)]
  }
}
