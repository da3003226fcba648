import { createContext, useContext } from 'react'

/** What the parts of one `Composer` share. */
export interface ComposerContextValue {
  value: string
  setValue(value: string): void
  disabled: boolean
  /** Sends the draft (when there is one and no answer is streaming) and clears it. */
  submit(): void
}

export const ComposerContext = createContext<ComposerContextValue | null>(null)

/** The nearest `Composer`; throws "`name` must be used within `Composer`" outside one. */
export function useComposerContext(name: string): ComposerContextValue {
  const context = useContext(ComposerContext)
  if (!context) throw new Error(`\`${name}\` must be used within \`Composer\``)
  return context
}
