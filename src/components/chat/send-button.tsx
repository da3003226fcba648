import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import { useChatContext } from './chat-context.ts'
import { useComposerContext } from './composer-context.ts'
import { ArrowUpIcon, StopIcon } from './icons.tsx'
import { composeEventHandlers, Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link SendButton}. */
export interface SendButtonProps extends ComponentPropsWithoutRef<'button'>, AsChildProps {}

/**
 * The composer's one button: Send (`type="submit"`, disabled without a draft) while the chat is
 * idle, Stop while an answer streams (`data-state="send|stop"`). Focus returns to the field
 * after either. Its name is the label; the icon is decoration.
 */
export const SendButton = /* @__PURE__ */ forwardRef<HTMLButtonElement, SendButtonProps>(
  function SendButton({ asChild, children, onClick, disabled, ...rest }, ref) {
    const { chat, labels, stopAndFocus } = useChatContext('SendButton')
    const composer = useComposerContext('SendButton')
    const stopping = chat.isLoading
    const Element = asChild ? Slot : 'button'
    return (
      <Element
        type={stopping ? 'button' : 'submit'}
        data-slot="send-button"
        data-state={stopping ? 'stop' : 'send'}
        aria-label={stopping ? labels.stop : labels.send}
        disabled={disabled ?? (composer.disabled || (!stopping && composer.value.trim() === ''))}
        {...rest}
        ref={ref}
        onClick={composeEventHandlers(onClick, (event) => {
          if (!stopping) return
          event.preventDefault()
          stopAndFocus()
        })}
      >
        {children ?? (stopping ? <StopIcon /> : <ArrowUpIcon />)}
      </Element>
    )
  },
)
