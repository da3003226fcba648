import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import { useChatContext } from './chat-context.ts'
import { composeEventHandlers, Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link StopButton}. */
export interface StopButtonProps extends ComponentPropsWithoutRef<'button'>, AsChildProps {}

/**
 * Stops the answer in flight (its partial text stays) and returns focus to the composer.
 * Disabled unless an answer is streaming (`data-slot="stop-button"`).
 */
export const StopButton = /* @__PURE__ */ forwardRef<HTMLButtonElement, StopButtonProps>(
  function StopButton({ asChild, children, onClick, disabled, ...rest }, ref) {
    const { chat, labels, stopAndFocus } = useChatContext('StopButton')
    const Element = asChild ? Slot : 'button'
    return (
      <Element
        type="button"
        data-slot="stop-button"
        data-variant="ghost"
        disabled={disabled ?? !chat.isLoading}
        {...rest}
        ref={ref}
        onClick={composeEventHandlers(onClick, () => {
          if (chat.isLoading) stopAndFocus()
        })}
      >
        {children ?? labels.stop}
      </Element>
    )
  },
)
