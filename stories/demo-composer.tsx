import { useId, useState, type ReactNode } from 'react'

/** Props of the stories' message form. */
export interface DemoComposerProps {
  /** The first draft. */
  initialDraft?: string
  /** Called with a non-empty draft; the field is cleared after. */
  onSend(text: string): void
  onStop(): void
  isLoading: boolean
  /** More buttons after Send and Stop. */
  children?: ReactNode
}

/** The chat stories' form: a labelled field, Send and Stop, and any extra actions. */
export function DemoComposer({
  initialDraft = '',
  onSend,
  onStop,
  isLoading,
  children,
}: DemoComposerProps) {
  const inputId = useId()
  const [draft, setDraft] = useState(initialDraft)
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        if (draft.trim() === '') return
        onSend(draft)
        setDraft('')
      }}
    >
      <label htmlFor={inputId}>Message</label>
      <input id={inputId} value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button type="submit" disabled={isLoading}>
        Send
      </button>
      <button type="button" onClick={onStop} disabled={!isLoading}>
        Stop
      </button>
      {children}
    </form>
  )
}
