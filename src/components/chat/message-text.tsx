import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import { StreamingMarkdown } from '../streaming-markdown.tsx'
import { useChatContext, type ChatMarkdownOptions } from './chat-context.ts'
import { useMessageContext } from './message-context.ts'

/** Props of {@link MessageText}. */
export interface MessageTextProps extends ComponentPropsWithoutRef<'div'> {
  /** `StreamingMarkdown` options for this answer (over the `Chat`'s `markdown`). */
  markdown?: ChatMarkdownOptions
}

/**
 * A message's text. An answer is `StreamingMarkdown`, with the typing cursor while it streams
 * (nothing before its first token: the pending indicator shows then). The reader's own text
 * is shown as typed, line breaks kept, never parsed as markdown.
 */
export const MessageText = /* @__PURE__ */ forwardRef<HTMLDivElement, MessageTextProps>(
  function MessageText({ markdown, ...rest }, ref) {
    const context = useChatContext('MessageText')
    const { message } = useMessageContext('MessageText')
    if (message.role !== 'assistant') {
      return (
        <div data-slot="message-text" data-role={message.role} {...rest} ref={ref}>
          {message.content}
        </div>
      )
    }
    const streaming = message.status === 'streaming'
    if (streaming && message.content === '') return null
    return (
      <StreamingMarkdown
        {...context.markdown}
        {...markdown}
        {...rest}
        ref={ref}
        text={message.content}
        streaming={streaming}
      />
    )
  },
)
