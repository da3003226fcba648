import { createContext, useContext } from 'react'
import type { FollowScroll } from './use-follow-scroll.ts'

export const MessageListContext = createContext<FollowScroll | null>(null)

/** The nearest `MessageList`'s scroll state; throws outside one. */
export function useMessageListContext(name: string): FollowScroll {
  const context = useContext(MessageListContext)
  if (!context) throw new Error(`\`${name}\` must be used within \`MessageList\``)
  return context
}
