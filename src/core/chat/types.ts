import type { StreamError } from '../errors.ts'
import type { MessagePart, ToolCallPart } from '../parts.ts'
import type { StreamStatus } from '../status.ts'
import type { StreamMetrics, StreamOptions } from '../stream/types.ts'

/** One message of a chat. Assistant messages keep how their stream ended. */
export interface ChatMessage {
  /** Stable for the message's life (a regenerated answer keeps its id). */
  id: string
  role: 'system' | 'user' | 'assistant'
  content: string
  /** Reasoning: the provider's, or set aside by a transform such as `thinkTags()`. */
  reasoning?: string
  /**
   * An answer as parts in arrival order: text, reasoning, tool calls (with their results) and
   * sources, over every step of a tool loop. `content` stays the answer's text.
   */
  parts?: MessagePart[]
  /**
   * On the current path: which of its siblings this message is (0-based) and how many there
   * are, when it has any (answers kept by `regenerate`, questions kept by `edit`).
   */
  branch?: { index: number; count: number }
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
  /**
   * Called with each complete tool call of a finished answer that has no result yet. Return
   * the result (or a promise of it) to answer it; return undefined to leave it to
   * `addToolResult` (a confirm button). A call that throws gets `{ error: message }`.
   */
  onToolCall?(call: ToolCallPart): unknown
  /**
   * Requests one answer may take: when every tool call of an answer has its result, the chat
   * sends the calls and results and continues the same answer, up to this many requests.
   * @defaultValue 5
   */
  maxSteps?: number
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
  /**
   * Replaces the history (the path shown); the kept alternative branches are dropped.
   */
  setMessages(messages: ChatMessage[] | ((messages: ChatMessage[]) => ChatMessage[])): void
  reset(): void
  /**
   * Gives the result of the tool call `callId` (a call `onToolCall` left open). Once every
   * call of the answer has a result, the answer continues (within `maxSteps`). Throws at once
   * for an unknown call id.
   */
  addToolResult(callId: string, result: unknown): void
  /**
   * Shows the sibling `index` (0-based, as in `branch.index`) of the message `messageId` on the
   * current path, with the turns that followed it there. A running answer on the branch
   * being hidden is stopped first. Throws at once for an unknown id or index.
   */
  switchBranch(messageId: string, index: number): void
  /**
   * Replaces the options (all of them: a key left out is unset), read when next used: the next
   * request sees the new url, body and callbacks. `initialMessages` only counts at creation
   * and on `reset()`. Throws for misuse, as `createChat` does.
   */
  setOptions(options: ChatOptions): void
}
