import type { StreamError } from './errors.ts'

/** Token counts as the provider reports them, normalised to one shape. */
export interface Usage {
  /** All input tokens, including those read from or written to a prompt cache. */
  inputTokens?: number
  outputTokens?: number
  totalTokens?: number
  /** Reasoning tokens, where a provider reports them. */
  reasoningTokens?: number
  /** Input tokens read from a prompt cache (a part of `inputTokens`). */
  cachedInputTokens?: number
}

/**
 * One decoded piece of a stream. Besides text, a format reports reasoning, tool calls and
 * sources as deltas; `StreamSnapshot.parts` gathers them into `MessagePart`s.
 */
export type StreamPart =
  | { type: 'text'; text: string }
  | { type: 'finish'; reason?: string; usage?: Usage }
  | { type: 'data'; value: unknown }
  | { type: 'error'; error: StreamError }
  | ReasoningDelta
  | ToolCallDelta
  | { type: 'source'; url: string; title?: string }

/**
 * Reasoning as it streams: text deltas (Anthropic `thinking_delta`, DeepSeek
 * `reasoning_content`, Responses summary deltas, Ollama `thinking`), a `signature` the provider
 * wants back with the thinking (Anthropic), or a `redacted` block: opaque `data` never shown.
 */
export type ReasoningDelta =
  | { type: 'reasoning'; text: string; signature?: string }
  | { type: 'reasoning'; text: ''; redacted: true; data: string }

/**
 * A tool call as it streams: `tool-call-start` names it, `tool-call-delta` appends to its
 * arguments (JSON text), `tool-call-end` says they are complete. `id` ties the three together.
 */
export type ToolCallDelta =
  | { type: 'tool-call-start'; id: string; name: string }
  | { type: 'tool-call-delta'; id: string; argsText: string }
  | { type: 'tool-call-end'; id: string }

/** A reasoning part of a message. `redacted`: opaque `data` kept for the provider, not shown. */
export interface ReasoningPart {
  type: 'reasoning'
  text: string
  redacted?: boolean
  /** Anthropic: the thinking block's signature, sent back with it. */
  signature?: string
  /** The opaque content of a redacted block. */
  data?: string
}

/** A tool call of a message: arguments as received text and as (partial) JSON. */
export interface ToolCallPart {
  type: 'tool-call'
  id: string
  name: string
  /** The arguments' JSON text as received so far. */
  argsText: string
  /** The arguments parsed so far (partial JSON while streaming). */
  args?: unknown
  status: 'streaming' | 'complete'
  /** The tool's result, once `onToolCall` returned it or `addToolResult` gave it. */
  result?: unknown
}

/**
 * One piece of a message, in arrival order: text, reasoning, a tool call or a cited source.
 * In a chat's tool loop, `step-start` marks where the answer to the next request begins
 * (nothing to show; it keeps the steps apart in the request history).
 */
export type MessagePart =
  | { type: 'text'; text: string }
  | ReasoningPart
  | ToolCallPart
  | { type: 'source'; url: string; title?: string }
  | { type: 'step-start' }

/** One dispatched server-sent event. `id` is the stream's last event ID at that moment. */
export interface SSEMessage {
  /** The `data:` lines of the block joined with `\n`. */
  data: string
  /**
   * The `event:` field. Left out when the block had none or an empty one, where a browser's
   * `EventSource` would report the type `'message'`.
   */
  event?: string
  /**
   * The last event ID: set by the latest `id:` field of this or an earlier block (an `id:`
   * with no value sets `''`; one containing NUL is ignored). Left out until a block sets it.
   */
  id?: string
}

/** How the bytes of a response are split into messages. */
export type StreamFraming = 'sse' | 'ndjson' | 'text'

/** What every custom wire format has, whatever its framing. */
interface FormatAdapterBase {
  name: string
  /**
   * `'finish-part'`: the stream is complete only once `decode` returned a finish part; ending
   * before is a `truncated` error. `'stream-end'`: the end of the body is the end.
   * @defaultValue 'stream-end'
   */
  end?: 'finish-part' | 'stream-end'
  /**
   * With `end: 'stream-end'`: the finish part at the end of the body, for a format that
   * gathers a finish reason or usage on the way (as Gemini's does). A finish part `decode`
   * returns still ends the stream at once. @defaultValue `{ type: 'finish' }`
   */
  finish?(): Extract<StreamPart, { type: 'finish' }>
}

/**
 * A custom wire format. `decode` receives one message — an `SSEMessage` for `'sse'`, the
 * parsed JSON value of a line for `'ndjson'`, a decoded chunk of text for `'text'` — and
 * returns the parts it holds. Throw a `StreamError` for a malformed message.
 *
 * @example
 * const format: FormatAdapter = { name: 'mine', framing: 'sse',
 *   decode: ({ data }) => [{ type: 'text', text: JSON.parse(data).token }] }
 */
export type FormatAdapter =
  | (FormatAdapterBase & { framing: 'sse'; decode(message: SSEMessage): StreamPart[] })
  | (FormatAdapterBase & { framing: 'ndjson'; decode(value: unknown): StreamPart[] })
  | (FormatAdapterBase & { framing: 'text'; decode(text: string): StreamPart[] })

/** The wire formats rivulet decodes, by name, or a custom adapter. */
export type StreamFormat =
  | 'auto'
  | 'openai-chat'
  | 'openai-responses'
  | 'anthropic'
  | 'ollama'
  | 'sse-json'
  | 'ndjson'
  | 'text'
  | FormatAdapter
