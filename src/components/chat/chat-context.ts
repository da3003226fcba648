import { createContext, useContext, type RefObject } from 'react'
import type { UseChatResult } from 'rivulet/react'
import type { StreamingMarkdownProps } from '../streaming-markdown.tsx'
import type { ChatLabels } from './labels.ts'
import type { ToolCallRender } from './tool-call-status.ts'

/** StreamingMarkdown options every assistant answer of a `Chat` renders with. */
export type ChatMarkdownOptions = Omit<StreamingMarkdownProps, 'text' | 'streaming'>

/** What the parts of one `Chat` share. */
export interface ChatContextValue {
  chat: UseChatResult
  labels: ChatLabels
  markdown: ChatMarkdownOptions | undefined
  /** What each tool's calls show besides name, arguments and result (a confirm button…), by tool name. */
  tools?: Record<string, ToolCallRender> | undefined
  /** The composer's field, so focus can return to it after send and stop. */
  composerField: RefObject<HTMLTextAreaElement | null>
  /** Stops the answer and puts focus back in the composer. */
  stopAndFocus(): void
  focusComposer(): void
}

export const ChatContext = createContext<ChatContextValue | null>(null)

/**
 * The nearest `Chat`'s state and actions. Throws "`name` must be used within `Chat`" outside
 * one (Radix `createContext`), so a misplaced part fails loudly instead of rendering nothing.
 */
export function useChatContext(name: string): ChatContextValue {
  const context = useContext(ChatContext)
  if (!context) throw new Error(`\`${name}\` must be used within \`Chat\``)
  return context
}
