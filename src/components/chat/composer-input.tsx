import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import { useChatContext } from './chat-context.ts'
import { useComposerContext } from './composer-context.ts'
import { isComposing } from './message-editor.tsx'
import { composeEventHandlers, composeRefs } from './primitive.tsx'
import { useAutoGrow } from './use-auto-grow.ts'

/** Props of {@link ComposerInput}: any `textarea` props. */
export type ComposerInputProps = Omit<
  ComponentPropsWithoutRef<'textarea'>,
  'value' | 'defaultValue'
>

/**
 * The message field (`textarea`, `data-slot="composer-input"`): it grows with the text, Enter
 * sends, Shift+Enter starts a new line, and an Enter that confirms an IME composition (Japanese,
 * Chinese, Korean input) never sends. Typing stays possible while an answer streams.
 */
export const ComposerInput = /* @__PURE__ */ forwardRef<HTMLTextAreaElement, ComposerInputProps>(
  function ComposerInput({ onChange, onKeyDown, ...rest }, ref) {
    const { labels, composerField } = useChatContext('ComposerInput')
    const composer = useComposerContext('ComposerInput')
    const grow = useAutoGrow(composer.value)
    return (
      <textarea
        data-slot="composer-input"
        name="message"
        rows={1}
        aria-label={labels.composerLabel}
        placeholder={labels.composerPlaceholder}
        disabled={composer.disabled}
        enterKeyHint="send"
        {...rest}
        ref={composeRefs(ref, grow, composerField)}
        value={composer.value}
        onChange={composeEventHandlers(onChange, (event) => composer.setValue(event.target.value))}
        onKeyDown={composeEventHandlers(onKeyDown, (event) => {
          if (event.key !== 'Enter' || event.shiftKey || isComposing(event.nativeEvent)) return
          event.preventDefault()
          composer.submit()
        })}
      />
    )
  },
)
