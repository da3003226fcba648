import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { BranchPicker } from './branch-picker.tsx'
import { useChatContext } from './chat-context.ts'
import { CopyMessageButton } from './copy-message-button.tsx'
import { EditMessageButton } from './edit-message-button.tsx'
import { useMessageContext } from './message-context.ts'
import { RegenerateButton } from './regenerate-button.tsx'
import { Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link MessageActions}. */
export interface MessageActionsProps extends ComponentPropsWithoutRef<'div'>, AsChildProps {
  /**
   * The actions; default Copy and Regenerate for an answer, Edit for the reader's message,
   * after the `BranchPicker` when the message has siblings.
   */
  children?: ReactNode
}

/**
 * A message's actions (`data-slot="message-actions"`): copy an answer, regenerate it, edit a
 * message of yours in place. Not shown while the message streams or is being edited.
 */
export const MessageActions = /* @__PURE__ */ forwardRef<HTMLDivElement, MessageActionsProps>(
  function MessageActions({ asChild, children, ...rest }, ref) {
    useChatContext('MessageActions')
    const { message, editing } = useMessageContext('MessageActions')
    if (message.status === 'streaming' || editing || message.role === 'system') return null
    const Element = asChild ? Slot : 'div'
    return (
      <Element data-slot="message-actions" data-role={message.role} {...rest} ref={ref}>
        {children ??
          (message.role === 'assistant' ? (
            <>
              <BranchPicker />
              {message.content ? <CopyMessageButton /> : null}
              <RegenerateButton />
            </>
          ) : (
            <>
              <BranchPicker />
              <EditMessageButton />
            </>
          ))}
      </Element>
    )
  },
)
