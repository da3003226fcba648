import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { useChatContext } from './chat-context.ts'
import { MessageEditor } from './message-editor.tsx'
import { hasRichParts, MessageParts } from './message-parts.tsx'
import { MessageText } from './message-text.tsx'
import { useMessageContext } from './message-context.ts'
import { Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link MessageContent}. */
export interface MessageContentProps extends ComponentPropsWithoutRef<'div'>, AsChildProps {
  /** The body; default `MessageText` (or `MessageEditor` while a user message is edited). */
  children?: ReactNode
}

/**
 * The body of a message (`data-slot="message-content"`): the answer as streaming markdown, the
 * reader's own text as typed, or the in-place editor. An answer with reasoning, tool calls or
 * sources shows its parts in arrival order (`Reasoning`, `ToolCall`, the text between them),
 * then its `Sources`.
 */
export const MessageContent = /* @__PURE__ */ forwardRef<HTMLDivElement, MessageContentProps>(
  function MessageContent({ asChild, children, ...rest }, ref) {
    const { markdown } = useChatContext('MessageContent')
    const { message, editing } = useMessageContext('MessageContent')
    const Element = asChild ? Slot : 'div'
    return (
      <Element data-slot="message-content" data-role={message.role} {...rest} ref={ref}>
        {children ??
          (editing ? (
            <MessageEditor />
          ) : hasRichParts(message) ? (
            <MessageParts message={message} markdown={markdown} />
          ) : (
            <MessageText />
          ))}
      </Element>
    )
  },
)
