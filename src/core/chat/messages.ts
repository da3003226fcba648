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

/** The messages before `id` (all of them if it is missing). */
export function messagesBefore(messages: readonly ChatMessage[], id: string): ChatMessage[] {
  const at = indexOfMessage(messages, id)
  return at === -1 ? messages.slice() : messages.slice(0, at)
}

/** The last message with `role`, if any. */
export function lastOfRole(
  messages: readonly ChatMessage[],
  role: ChatMessage['role'],
): ChatMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === role) return messages[i]
  return undefined
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
