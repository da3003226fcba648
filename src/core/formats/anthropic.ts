import type { FormatAdapter, StreamPart, Usage } from '../parts.ts'
import { finishPart, textParts } from './finish.ts'
import { isObject, numberOf, objectOf, stringOf, type JsonObject } from './json.ts'
import { createToolCallTracker } from './tool-calls.ts'
import { readTypedEvent } from './typed-event.ts'
import { makeUsage } from './usage.ts'

const name = 'anthropic'

/** The SSE event types of an Anthropic Messages stream (the EventSource transport listens to each). */
export const anthropicEventTypes: readonly string[] = [
  'message_start',
  'message_delta',
  'message_stop',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'ping',
]
const eventTypes = new Set(anthropicEventTypes)

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
/** Anthropic usage counts as sent. */
export type RawUsage = Partial<Record<(typeof usageFields)[number], number>>

/** `raw` with the counts of an Anthropic `usage` object over it. */
export function mergeRawUsage(raw: RawUsage, usage: unknown): RawUsage {
  if (!isObject(usage)) return raw
  const merged = { ...raw }
  for (const field of usageFields) {
    const value = numberOf(usage[field])
    if (value !== undefined) merged[field] = value
  }
  return merged
}

/**
 * Anthropic usage as a `Usage`. Its `input_tokens` counts only what was not read from or
 * written to the prompt cache; the input the prompt really took is the sum of the three,
 * which is what OpenAI's `prompt_tokens` (and so `inputTokens`) means, with cache reads a
 * part of it.
 */
export function anthropicUsage(raw: RawUsage): Usage | undefined {
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
 * `message_delta.delta.stop_reason`. `ping` is ignored. Thinking deltas (and their signature)
 * are reasoning, a `redacted_thinking` block an opaque redacted reasoning part, a `tool_use`
 * block with its `input_json_delta`s a tool call, a citation with a URL a source; other blocks
 * and deltas (server tools, their results) are `data` parts. `event: error` is a provider error
 * carrying `error.type` as its code.
 */
export function createAnthropicFormat(): FormatAdapter {
  let reason: string | undefined
  let usage: RawUsage = {}
  // Client tool calls (`tool_use` blocks) by content block index.
  const calls = createToolCallTracker<number>()
  return {
    name,
    framing: 'sse',
    end: 'finish-part',
    decode(message) {
      const read = readTypedEvent(name, message)
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
      case 'content_block_start':
        return blockStart(numberOf(payload.index) ?? 0, objectOf(payload.content_block), payload)
      case 'content_block_delta': {
        const index = numberOf(payload.index) ?? 0
        const delta = objectOf(payload.delta)
        switch (delta.type) {
          case 'text_delta':
            return textParts(delta.text)
          case 'thinking_delta':
            return typeof delta.thinking === 'string' && delta.thinking !== ''
              ? [{ type: 'reasoning', text: delta.thinking }]
              : []
          case 'signature_delta':
            return typeof delta.signature === 'string'
              ? [{ type: 'reasoning', text: '', signature: delta.signature }]
              : []
          case 'input_json_delta':
            // Only client tools' input; a server tool's (web search) input stays data.
            if (calls.idOf(index) !== undefined) {
              return calls.delta(index, undefined, undefined, stringOf(delta.partial_json))
            }
            return [{ type: 'data', value: payload }]
          case 'citations_delta':
            return citationParts(objectOf(delta.citation))
          default:
            return [{ type: 'data', value: payload }]
        }
      }
      case 'content_block_stop':
        return calls.end(numberOf(payload.index) ?? 0)
      case 'message_delta': {
        const delta = objectOf(payload.delta)
        reason = stringOf(delta.stop_reason) ?? reason
        usage = mergeRawUsage(usage, payload.usage)
        return []
      }
      case 'message_stop':
        return [...calls.endAll(), finishPart(reason, anthropicUsage(usage))]
      case 'ping':
        return []
      default:
        // Anthropic may add event types; they are exposed, never fatal.
        return [{ type: 'data', value: payload }]
    }
  }

  /** A content block opens: text, thinking, redacted thinking, a client tool call, or data. */
  function blockStart(index: number, block: JsonObject, payload: JsonObject): StreamPart[] {
    switch (block.type) {
      case 'text':
        return textParts(block.text)
      case 'thinking':
        return typeof block.thinking === 'string' && block.thinking !== ''
          ? [{ type: 'reasoning', text: block.thinking }]
          : []
      case 'redacted_thinking':
        return [{ type: 'reasoning', text: '', redacted: true, data: stringOf(block.data) ?? '' }]
      case 'tool_use': {
        const parts = calls.delta(index, stringOf(block.id), stringOf(block.name), undefined)
        // The input streams as `input_json_delta`; a complete input in the start is not `{}`.
        const input = block.input
        if (isObject(input) && Object.keys(input).length > 0) {
          parts.push(...calls.delta(index, undefined, undefined, JSON.stringify(input)))
        }
        return parts
      }
      default:
        return [{ type: 'data', value: payload }]
    }
  }
}

/** A citation with a URL (web search results, web pages) is a source; others add nothing. */
function citationParts(citation: JsonObject): StreamPart[] {
  const url = stringOf(citation.url)
  if (url === undefined) return []
  const title = stringOf(citation.title)
  return [title === undefined ? { type: 'source', url } : { type: 'source', url, title }]
}
