import type { ChatMessage } from './types.ts'

/** Pure list operations on a chat history; each returns a new array. */

/** The index of the message with `id`, or -1. */
export function indexOfMessage(messages: readonly ChatMessage[], id: string): number {
  return messages.findIndex((m) => m.id === id)
}

/** `messages` with the message `id` replaced by `update(message)`. */
export function replaceMessage(
  messages: readonly ChatMessage[],
  id: string,
  update: (message: ChatMessage) => ChatMessage,
): ChatMessage[] {
  const at = indexOfMessage(messages, id)
  if (at === -1) return messages.slice()
  const next = messages.slice()
  next[at] = update(messages[at]!)
  return next
}

/** The default request body: the context as `{ messages: [{ role, content }] }`. */
export function defaultChatBody(messages: readonly ChatMessage[]): unknown {
  return { messages: messages.map(({ role, content }) => ({ role, content })) }
}

let counter = 0
/** A fresh message id: `crypto.randomUUID()` where it exists, else a counter. */
export function newMessageId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  if (c?.randomUUID) return c.randomUUID()
  counter++
  return `msg-${Date.now().toString(36)}-${counter}`
}
