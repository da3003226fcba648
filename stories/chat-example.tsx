import '../src/components/styles.css'
import './chat-example.css'
import { useState, type CSSProperties, type ReactNode } from 'react'
import { Chat, type ChatLabelsInput } from 'rivulet/components'
import type { ChatMessage, RetryOptions, StreamFormat } from 'rivulet/core'
import { shikiHighlighter } from 'rivulet/highlight'
import { useChat } from 'rivulet/react'

const highlighted = { highlight: shikiHighlighter }

/** Props of the chat stories' example app. */
export interface ChatExampleProps {
  /** The mock endpoint (its handler is set by the story). */
  url: string
  format?: StreamFormat
  /** Force a theme; default follows the OS. */
  theme?: 'light' | 'dark'
  /** Height of the chat's frame. */
  height?: CSSProperties['height']
  /** Width of the chat's frame (a phone: 375). Default the page's. */
  width?: CSSProperties['width']
  initialMessages?: ChatMessage[]
  retry?: false | number | RetryOptions
  labels?: ChatLabelsInput
  className?: string
  /** Highlight finished code blocks with rivulet/highlight (shiki). Default true. */
  highlight?: boolean
  /** The chat's own children (default: MessageList + Composer). */
  children?: ReactNode
}

/**
 * The chat as an app writes it: `useChat` against the mock, handed to `<Chat value={chat}>`,
 * with the default parts and `rivulet/styles.css`.
 */
export function ChatExample({
  url,
  format = 'openai-chat',
  theme,
  height = 620,
  width,
  initialMessages,
  retry = { retries: 2, baseDelay: 200 },
  labels,
  className,
  highlight = true,
  children,
}: ChatExampleProps) {
  // Each mounted story is its own session, so the mock counts a new chat's attempts afresh.
  const [session] = useState(() => Math.random().toString(36).slice(2))
  const chat = useChat({
    url,
    format,
    initialMessages,
    retry,
    body: (messages) => ({
      messages: messages.map(({ role, content }) => ({ role, content })),
      session,
    }),
  })
  return (
    <div className="chat-frame" data-theme={theme} style={{ height, width }}>
      <Chat
        value={chat}
        labels={labels}
        className={className}
        markdown={highlight ? highlighted : undefined}
      >
        {children}
      </Chat>
    </div>
  )
}
