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
  /** The current answer's latest failure, also one being retried (`StreamSnapshot.lastError`). */
  lastError?: StreamError
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
  /**
   * Appends the user message and a streamed assistant answer to it. While an answer streams,
   * that answer is stopped first (kept, marked `aborted`) and the new turn is sent at once —
   * never queued, so the history always alternates as the server saw it.
   */
  send(content: string): Promise<void>
  /** Stops the answer; its partial text stays in the history. */
  stop(): void
  /**
   * Answers again. Without an id: the last message (an assistant answer is replaced, a user
   * message is answered). With the id of an assistant answer: that answer is replaced in place
   * and keeps its id; with a user message's id: it gets a new answer. Either way the turns after
   * it are dropped (they followed the old answer), as AI SDK `useChat` does. Throws at once for
   * an unknown id or a system message.
   */
  regenerate(messageId?: string): Promise<void>
  /**
   * Rewrites a user message (it keeps its id), drops what followed it and resends, aborting a
   * running answer first. Throws at once, changing nothing, for an unknown id or a message that
   * is not a user message (use `regenerate` for an answer, `setMessages` for a system message).
   */
  edit(messageId: string, content: string): Promise<void>
  /** Answers the last turn again (after an error or a stop); the same as `regenerate()`. */
  retry(): Promise<void>
  setMessages(messages: ChatMessage[] | ((messages: ChatMessage[]) => ChatMessage[])): void
  reset(): void
}
