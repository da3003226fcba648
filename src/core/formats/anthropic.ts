import type { FormatAdapter, SSEMessage, StreamPart, Usage } from '../parts.ts'
import { finishPart, textParts } from './finish.ts'
import { isObject, numberOf, objectOf, stringOf, type JsonObject } from './json.ts'
import { readTypedEvent } from './typed-event.ts'
import { makeUsage } from './usage.ts'

const name = 'anthropic'

const eventTypes = new Set([
  'message_start',
  'message_delta',
  'message_stop',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'ping',
])

/** True when a parsed SSE payload looks like an Anthropic Messages stream event. */
export function isAnthropicEvent(value: unknown): boolean {
  if (!isObject(value)) return false
  const type = stringOf(value.type)
  // An error with a sequence number is the Responses API's (see isOpenAIResponsesEvent).
  const anthropicError =
    type === 'error' && isObject(value.error) && value.sequence_number === undefined
  return type !== undefined && (eventTypes.has(type) || anthropicError)
}

// The raw usage fields, merged across events: message_start has the input counts,
// message_delta the cumulative output (and, on newer API versions, cumulative input too).
const usageFields = [
  'input_tokens',
  'output_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
] as const
type RawUsage = Partial<Record<(typeof usageFields)[number], number>>

function mergeRawUsage(raw: RawUsage, usage: unknown): RawUsage {
  if (!isObject(usage)) return raw
  const merged = { ...raw }
  for (const field of usageFields) {
    const value = numberOf(usage[field])
    if (value !== undefined) merged[field] = value
  }
  return merged
}

// Anthropic's `input_tokens` counts only what was not read from or written to the prompt
// cache; the input the prompt really took is the sum of the three, which is what OpenAI's
// `prompt_tokens` (and so `inputTokens`) means, with cache reads a part of it.
function anthropicUsage(raw: RawUsage): Usage | undefined {
  const parts = [raw.input_tokens, raw.cache_creation_input_tokens, raw.cache_read_input_tokens]
  const known = parts.filter((n): n is number => n !== undefined)
  return makeUsage({
    inputTokens: known.length > 0 ? known.reduce((a, b) => a + b, 0) : undefined,
    outputTokens: raw.output_tokens,
    cachedInputTokens: raw.cache_read_input_tokens,
  })
}

/**
 * Anthropic Messages streaming: text from `content_block_delta` events with a `text_delta`,
 * ends at `message_stop`. Usage comes from `message_start` (input) and `message_delta`
 * (cumulative output); `inputTokens` includes cache reads and writes. The reason comes from
 * `message_delta.delta.stop_reason`. `ping` is ignored;
 * thinking, signature, tool-input and citation deltas and non-text blocks are `data` parts;
 * `event: error` is a provider error carrying `error.type` as its code.
 */
export function createAnthropicFormat(): FormatAdapter {
  let reason: string | undefined
  let usage: RawUsage = {}
  return {
    name,
    framing: 'sse',
    end: 'finish-part',
    decode(message) {
      const read = readTypedEvent(name, message as SSEMessage)
      return read === undefined ? [] : decodeEvent(read.type, read.payload)
    },
  }

  function decodeEvent(type: string | undefined, payload: JsonObject): StreamPart[] {
    switch (type) {
      case 'message_start': {
        const start = objectOf(payload.message)
        usage = mergeRawUsage(usage, start.usage)
        return []
      }
      case 'content_block_start': {
        const block = objectOf(payload.content_block)
        if (block.type === 'text') return textParts(block.text)
        return [{ type: 'data', value: payload }]
      }
      case 'content_block_delta': {
        const delta = objectOf(payload.delta)
        if (delta.type === 'text_delta') return textParts(delta.text)
        return [{ type: 'data', value: payload }]
      }
      case 'message_delta': {
        const delta = objectOf(payload.delta)
        reason = stringOf(delta.stop_reason) ?? reason
        usage = mergeRawUsage(usage, payload.usage)
        return []
      }
      case 'message_stop':
        return [finishPart(reason, anthropicUsage(usage))]
      case 'content_block_stop':
      case 'ping':
        return []
      default:
        // Anthropic may add event types; they are exposed, never fatal.
        return [{ type: 'data', value: payload }]
    }
  }
}
