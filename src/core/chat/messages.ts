import type { ChatMessage } from './types.ts'

/** Pure list operations on a chat history; none changes the array it is given. */

/** The index of the message with `id`, or -1. */
export function indexOfMessage(messages: readonly ChatMessage[], id: string): number {
  return messages.findIndex((m) => m.id === id)
}

/** `messages` with the message `id` replaced by `update(message)`; `messages` itself when none has `id`. */
export function replaceMessage(
  messages: ChatMessage[],
  id: string,
  update: (message: ChatMessage) => ChatMessage,
): ChatMessage[] {
  const at = indexOfMessage(messages, id)
  if (at === -1) return messages
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
