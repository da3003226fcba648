import { createContext, useContext } from 'react'
import type { ChatMessage } from 'rivulet/core'

/** What the parts inside one `Message` share. */
export interface MessageContextValue {
  message: ChatMessage
  /** The last message of the conversation. */
  isLast: boolean
  /** The user message is being edited in place. */
  editing: boolean
  setEditing(editing: boolean): void
}

export const MessageContext = createContext<MessageContextValue | null>(null)

/** The nearest `Message`; throws "`name` must be used within `Message`" outside one. */
export function useMessageContext(name: string): MessageContextValue {
  const context = useContext(MessageContext)
  if (!context) throw new Error(`\`${name}\` must be used within \`Message\``)
  return context
}

/** The nearest `Message`, or undefined (parts that also work at the chat level). */
export function useOptionalMessage(): MessageContextValue | null {
  return useContext(MessageContext)
}
