import { forwardRef, useMemo, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import type { ChatMessage } from 'rivulet/core'
import { useChatContext } from './chat-context.ts'
import { ErrorNotice } from './error-notice.tsx'
import { MessageActions } from './message-actions.tsx'
import { MessageContent } from './message-content.tsx'
import { MessageContext, type MessageContextValue } from './message-context.ts'
import { MessageHeader } from './message-header.tsx'
import { MessageStatus } from './message-status.tsx'
import { Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link Message}. */
export interface MessageProps extends ComponentPropsWithoutRef<'article'>, AsChildProps {
  message: ChatMessage
  /**
   * The parts inside. Default: `MessageHeader`, `MessageContent`, `MessageStatus`,
   * `ErrorNotice` and `MessageActions`.
   */
  children?: ReactNode
}

/**
 * One message (`article`, `data-slot="message"`, `data-role`, `data-status`). An assistant
 * answer is `aria-busy` while it streams. Provides the message to the parts inside it.
 */
export const Message = /* @__PURE__ */ forwardRef<HTMLElement, MessageProps>(function Message(
  { message, asChild, children, ...rest },
  ref,
) {
  const { chat, labels } = useChatContext('Message')
  const [editing, setEditing] = useState(false)
  const isLast = chat.messages.at(-1)?.id === message.id
  const context = useMemo<MessageContextValue>(
    () => ({ message, isLast, editing, setEditing }),
    [message, isLast, editing],
  )
  const streaming = message.status === 'streaming'
  const Element = asChild ? Slot : 'article'
  return (
    <MessageContext.Provider value={context}>
      <Element
        data-slot="message"
        data-role={message.role}
        data-status={message.status}
        data-editing={editing ? '' : undefined}
        data-message-id={message.id}
        aria-label={labels[message.role]}
        aria-busy={streaming || undefined}
        {...rest}
        ref={ref}
      >
        {children ?? (
          <>
            <MessageHeader />
            <MessageContent />
            <MessageStatus />
            <ErrorNotice />
            <MessageActions />
          </>
        )}
      </Element>
    </MessageContext.Provider>
  )
})
