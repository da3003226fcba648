import { anthropicEncoder } from './encoders/anthropic.ts'
import { ndjsonEncoder, sseJsonEncoder, textEncoder } from './encoders/generic.ts'
import { ollamaEncoder } from './encoders/ollama.ts'
import { openaiChatEncoder } from './encoders/openai-chat.ts'
import { openaiResponsesEncoder } from './encoders/openai-responses.ts'
import type { Random } from './timing.ts'

/** The wire formats `mockStream` writes: the named formats of rivulet/core except `auto`. */
export type MockFormat =
  'openai-chat' | 'openai-responses' | 'anthropic' | 'ollama' | 'sse-json' | 'ndjson' | 'text'

/** One message of a stream: an SSE event, an NDJSON line (`data` only) or a piece of text. */
export interface WireEvent {
  event?: string
  data: string
}

/** Everything an encoder needs to write one response, fixed before the first byte. */
export interface EncodeContext {
  tokens: readonly string[]
  text: string
  model: string
  /** Unix time in ms the response is dated with. */
  now: number
  /** Provider-specific stop reason, or undefined for the format's own default. */
  finishReason?: string
  inputTokens: number
  outputTokens: number
  /** openai-chat: send the final `usage` chunk (as with `stream_options.include_usage`). */
  includeUsage: boolean
  /** sse-json: end with `data: [DONE]`. */
  done: boolean
  /** sse-json / ndjson: the JSON field that carries the text. */
  field: 'text' | 'token' | 'content' | 'delta'
  /** ollama: `/api/chat` (`message.content`) or `/api/generate` (`response`). */
  ollamaEndpoint: 'chat' | 'generate'
  /** openai-responses: the `error` event flat (documented) or nested under `error`. */
  errorShape: 'flat' | 'nested'
  /** Planned ms from the request to the first token and to the end (ollama durations). */
  ttft: number
  duration: number
  random: Random
  /** Per-response ids drawn once (`chatcmpl-…`, `msg_…`, `resp_…`). */
  ids: Record<string, string>
  /** A counter for formats that number their events (Responses `sequence_number`). */
  sequence: number
  /** ollama generate: the token ids returned as `context`. */
  contextIds?: number[]
  /** Reasoning tokens streamed before the text. */
  reasoning: readonly string[]
  /** Tool calls made after the text, with their arguments as JSON text. */
  toolCalls: readonly { id: string; name: string; argsText: string }[]
  /** Sources cited after the text. */
  sources: readonly { url: string; title?: string }[]
  /** Formats with content blocks (Anthropic): the open block's index and kind. */
  block: number
  open?: 'thinking' | 'text' | 'tool'
}

/** A non-text piece `mockStream` writes: reasoning, a tool call's start, arguments or end, a source. */
export type MockPart =
  | { type: 'reasoning'; text: string }
  | { type: 'tool-call-start'; index: number }
  | { type: 'tool-call-delta'; index: number; argsText: string }
  | { type: 'tool-call-end'; index: number }
  | { type: 'source'; url: string; title?: string }

/**
 * One wire format: how a response starts, how one token is written, how it ends, how the
 * provider reports an error mid-stream and as an HTTP body, and the non-streamed JSON.
 */
export interface MockEncoder {
  readonly framing: 'sse' | 'ndjson' | 'text'
  readonly contentType: string
  /** Called once before anything else, to draw the ids the response uses. */
  init(context: EncodeContext): void
  head(context: EncodeContext): WireEvent[]
  token(context: EncodeContext, token: string, index: number): WireEvent[]
  tail(context: EncodeContext): WireEvent[]
  /** Writes reasoning, tool calls and sources; formats without it leave them out. */
  part?(context: EncodeContext, part: MockPart): WireEvent[]
  /** The provider's mid-stream error; undefined when the format has none. */
  providerError?(context: EncodeContext, message: string): WireEvent[]
  /** One event that does not parse (truncated JSON); undefined when the format has none. */
  malformed?(context: EncodeContext): WireEvent
  /** The JSON body the provider answers an HTTP error with. */
  errorBody(status: number, message?: string): unknown
  /** The whole answer as one JSON document (`stream: false`). */
  completion(context: EncodeContext): unknown
}

/** The encoder for each format. */
export const encoders: Record<MockFormat, MockEncoder> = {
  'openai-chat': openaiChatEncoder,
  'openai-responses': openaiResponsesEncoder,
  anthropic: anthropicEncoder,
  ollama: ollamaEncoder,
  'sse-json': sseJsonEncoder,
  ndjson: ndjsonEncoder,
  text: textEncoder,
}

/** The names of the formats `mockStream` writes. */
export const mockFormats = Object.keys(encoders) as MockFormat[]

/** Writes one event on the wire in its framing; `id` only for SSE. */
export function serializeEvent(framing: MockEncoder['framing'], event: WireEvent, id?: string) {
  if (framing === 'text') return event.data
  if (framing === 'ndjson') return `${event.data}\n`
  let out = id === undefined ? '' : `id: ${id}\n`
  if (event.event !== undefined) out += `event: ${event.event}\n`
  for (const line of event.data.split('\n')) out += `data: ${line}\n`
  return `${out}\n`
}
