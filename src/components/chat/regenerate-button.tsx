import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import { useChatContext } from './chat-context.ts'
import { RefreshIcon } from './icons.tsx'
import { useOptionalMessage } from './message-context.ts'
import { composeEventHandlers, Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link RegenerateButton}. */
export interface RegenerateButtonProps extends ComponentPropsWithoutRef<'button'>, AsChildProps {}

/**
 * Answers again with `regenerate`: inside a `Message`, that answer (what followed it goes);
 * elsewhere, the last one. Disabled while an answer streams or when there is nothing to answer
 * (`data-slot="regenerate-button"`).
 */
export const RegenerateButton = /* @__PURE__ */ forwardRef<
  HTMLButtonElement,
  RegenerateButtonProps
>(function RegenerateButton({ asChild, children, onClick, disabled, ...rest }, ref) {
  const { chat, labels, focusComposer } = useChatContext('RegenerateButton')
  const message = useOptionalMessage()?.message
  const target = message ?? chat.messages.findLast((m) => m.role !== 'system')
  const available = !chat.isLoading && target !== undefined && target.role !== 'system'
  const Element = asChild ? Slot : 'button'
  return (
    <Element
      type="button"
      data-slot="regenerate-button"
      data-variant="ghost"
      aria-label={children ? undefined : labels.regenerate}
      title={children ? undefined : labels.regenerate}
      disabled={disabled ?? !available}
      {...rest}
      ref={ref}
      onClick={composeEventHandlers(onClick, () => {
        if (!available) return
        void chat.regenerate(message?.id)
        focusComposer()
      })}
    >
      {children ?? <RefreshIcon />}
    </Element>
  )
})
