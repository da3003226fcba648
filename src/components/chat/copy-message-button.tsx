import { forwardRef, useEffect, useState, type ComponentPropsWithoutRef } from 'react'
import { useChatContext } from './chat-context.ts'
import { CheckIcon, CopyIcon } from './icons.tsx'
import { useMessageContext } from './message-context.ts'
import { composeEventHandlers, Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link CopyMessageButton}. */
export interface CopyMessageButtonProps extends ComponentPropsWithoutRef<'button'>, AsChildProps {}

/**
 * Copies the message's text (the markdown source) to the clipboard; says "Copied" for two
 * seconds after (`data-copied`). `data-slot="copy-message-button"`.
 */
export const CopyMessageButton = /* @__PURE__ */ forwardRef<
  HTMLButtonElement,
  CopyMessageButtonProps
>(function CopyMessageButton({ asChild, children, onClick, ...rest }, ref) {
  const { labels } = useChatContext('CopyMessageButton')
  const { message } = useMessageContext('CopyMessageButton')
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(timer)
  }, [copied])
  const label = copied ? labels.copied : labels.copy
  const Element = asChild ? Slot : 'button'
  return (
    <Element
      type="button"
      data-slot="copy-message-button"
      data-variant="ghost"
      data-copied={copied ? '' : undefined}
      aria-label={children ? undefined : label}
      title={children ? undefined : label}
      {...rest}
      ref={ref}
      onClick={composeEventHandlers(onClick, () => {
        void navigator.clipboard?.writeText(message.content).then(
          () => setCopied(true),
          () => undefined,
        )
      })}
    >
      {children ?? (copied ? <CheckIcon /> : <CopyIcon />)}
    </Element>
  )
})
