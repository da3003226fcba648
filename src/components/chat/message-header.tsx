import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { useChatContext } from './chat-context.ts'
import { useMessageContext } from './message-context.ts'
import { Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link MessageHeader}. */
export interface MessageHeaderProps extends ComponentPropsWithoutRef<'div'>, AsChildProps {
  /** An avatar (image, initials…) before the name. */
  avatar?: ReactNode
  /** The speaker's name; default the role's label ("You", "Assistant"). */
  name?: ReactNode
}

/**
 * Who speaks: an avatar slot and the name (`data-slot="message-header"`). The default styles
 * show it for answers and keep it for screen readers only on the reader's own messages.
 */
export const MessageHeader = /* @__PURE__ */ forwardRef<HTMLDivElement, MessageHeaderProps>(
  function MessageHeader({ avatar, name, asChild, children, ...rest }, ref) {
    const { labels } = useChatContext('MessageHeader')
    const { message } = useMessageContext('MessageHeader')
    const Element = asChild ? Slot : 'div'
    return (
      <Element data-slot="message-header" data-role={message.role} {...rest} ref={ref}>
        {children ?? (
          <>
            {avatar ? <span data-slot="message-avatar">{avatar}</span> : null}
            <span data-slot="message-name">{name ?? labels[message.role]}</span>
          </>
        )}
      </Element>
    )
  },
)
