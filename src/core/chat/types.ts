import type { StreamError } from '../errors.ts'
import type { StreamStatus } from '../status.ts'
import type { StreamMetrics, StreamOptions } from '../stream/types.ts'

/** One message of a chat. Assistant messages keep how their stream ended. */
export interface ChatMessage {
  /** Stable for the message's life (a regenerated answer keeps its id). */
  id: string
  role: 'system' | 'user' | 'assistant'
  content: string
  /** Reasoning set aside by a transform such as `thinkTags()`. */
  reasoning?: string
  status?: 'streaming' | 'done' | 'error' | 'aborted'
  error?: StreamError
  metrics?: StreamMetrics
  createdAt?: number
}

/** What a chat shows: its history, and the status of the current answer's stream. */
export interface ChatSnapshot {
  messages: ChatMessage[]
  status: StreamStatus
  error?: StreamError
}

/** Options of `createChat`: every stream option, plus the history and the body. */
export interface ChatOptions extends Omit<StreamOptions, 'body' | 'onFinish'> {
  initialMessages?: ChatMessage[]
  /** The request body for the complete context. @defaultValue { messages: [{ role, content }] } */
  body?: (messages: ChatMessage[]) => unknown
  /** Called with each answer that finished. */
  onFinish?(message: ChatMessage): void
  /** @defaultValue crypto.randomUUID when available, else a counter */
  generateId?: () => string
}

/** The framework-agnostic chat controller. */
export interface ChatController {
  getSnapshot(): ChatSnapshot
  subscribe(listener: () => void): () => void
  /** Appends the user message and a streamed assistant answer to it. */
  send(content: string): Promise<void>
  /** Stops the answer; its partial text stays in the history. */
  stop(): void
  /** Replaces the last (or the given) assistant answer with a new one. */
  regenerate(messageId?: string): Promise<void>
  /** Rewrites a user message, drops what followed it and resends (aborting a running answer). */
  edit(messageId: string, content: string): Promise<void>
  /** Answers the last turn again (after an error or a stop). */
  retry(): Promise<void>
  setMessages(messages: ChatMessage[] | ((messages: ChatMessage[]) => ChatMessage[])): void
  reset(): void
}
