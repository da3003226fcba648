import { forwardRef, useId, useState, type ComponentPropsWithoutRef } from 'react'
import { useChatContext } from './chat-context.ts'
import { useMessageContext } from './message-context.ts'
import { composeEventHandlers } from './primitive.tsx'
import { useAutoGrow } from './use-auto-grow.ts'

/** Props of {@link MessageEditor}. */
export type MessageEditorProps = ComponentPropsWithoutRef<'form'>

/**
 * Edits a sent user message in place (`form`, `data-slot="message-editor"`): Save sends the
 * new text with `edit` (what followed it is answered again), Cancel or Escape leaves it as it
 * was. Enter saves, Shift+Enter is a new line.
 */
export const MessageEditor = /* @__PURE__ */ forwardRef<HTMLFormElement, MessageEditorProps>(
  function MessageEditor({ onSubmit, onKeyDown, ...rest }, ref) {
    const { chat, labels, focusComposer } = useChatContext('MessageEditor')
    const { message, setEditing } = useMessageContext('MessageEditor')
    const [draft, setDraft] = useState(message.content)
    const field = useAutoGrow(draft)
    const id = useId()
    const save = () => {
      const text = draft.trim()
      setEditing(false)
      if (text === '' || text === message.content) return
      void chat.edit(message.id, text)
      focusComposer()
    }
    return (
      <form
        data-slot="message-editor"
        {...rest}
        ref={ref}
        onSubmit={composeEventHandlers(onSubmit, (event) => {
          event.preventDefault()
          save()
        })}
        onKeyDown={composeEventHandlers(onKeyDown, (event) => {
          if (event.key !== 'Escape' || event.nativeEvent.isComposing) return
          // Escape here cancels the edit; it must not also stop the chat's answer.
          event.preventDefault()
          event.stopPropagation()
          setEditing(false)
        })}
      >
        <label htmlFor={id} data-slot="visually-hidden">
          {labels.editLabel}
        </label>
        <textarea
          id={id}
          ref={field}
          data-slot="message-editor-input"
          rows={1}
          value={draft}
          // The editor opens because the reader asked for it: put them in it.
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.shiftKey || isComposing(event.nativeEvent)) return
            event.preventDefault()
            save()
          }}
        />
        <div data-slot="message-editor-actions">
          <button
            type="button"
            data-slot="button"
            data-variant="ghost"
            onClick={() => setEditing(false)}
          >
            {labels.cancel}
          </button>
          <button type="submit" data-slot="button" data-variant="primary">
            {labels.save}
          </button>
        </div>
      </form>
    )
  },
)

/** An Enter that confirms an IME composition (Safari reports it after compositionend as 229). */
export function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229
}
