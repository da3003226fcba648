import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import { useChatContext } from './chat-context.ts'
import { EditIcon } from './icons.tsx'
import { useMessageContext } from './message-context.ts'
import { composeEventHandlers, Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link EditMessageButton}. */
export interface EditMessageButtonProps extends ComponentPropsWithoutRef<'button'>, AsChildProps {}

/**
 * Opens the in-place editor of a user message (saving it resends with `edit`).
 * `data-slot="edit-message-button"`.
 */
export const EditMessageButton = /* @__PURE__ */ forwardRef<
  HTMLButtonElement,
  EditMessageButtonProps
>(function EditMessageButton({ asChild, children, onClick, disabled, ...rest }, ref) {
  const { labels } = useChatContext('EditMessageButton')
  const { message, setEditing } = useMessageContext('EditMessageButton')
  const Element = asChild ? Slot : 'button'
  return (
    <Element
      type="button"
      data-slot="edit-message-button"
      data-variant="ghost"
      aria-label={children ? undefined : labels.edit}
      title={children ? undefined : labels.edit}
      disabled={disabled ?? message.role !== 'user'}
      {...rest}
      ref={ref}
      onClick={composeEventHandlers(onClick, () => setEditing(true))}
    >
      {children ?? <EditIcon />}
    </Element>
  )
})
