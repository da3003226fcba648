import { forwardRef, useCallback, useMemo, type ComponentPropsWithoutRef } from 'react'
import { useChatContext } from './chat-context.ts'
import { ComposerContext, type ComposerContextValue } from './composer-context.ts'
import { ComposerInput } from './composer-input.tsx'
import { composeEventHandlers, Slot, type AsChildProps } from './primitive.tsx'
import { SendButton } from './send-button.tsx'
import { useControllableState } from './use-controllable-state.ts'

/** Props of {@link Composer}. */
export interface ComposerProps
  extends Omit<ComponentPropsWithoutRef<'form'>, 'defaultValue'>, AsChildProps {
  /** The draft, controlled (with `onValueChange`). */
  value?: string
  /** The first draft, uncontrolled. */
  defaultValue?: string
  onValueChange?: (value: string) => void
  /** Nothing can be typed or sent. */
  disabled?: boolean
}

/**
 * Where the reader writes (`form`, `data-slot="composer"`, `data-disabled`). Submitting sends
 * the draft with `send` and clears it; while an answer streams the draft can still be written
 * but is not sent (its one button is Stop then). Default children: `ComposerInput`, `SendButton`.
 */
export const Composer = /* @__PURE__ */ forwardRef<HTMLFormElement, ComposerProps>(
  function Composer(
    {
      value: valueProp,
      defaultValue = '',
      onValueChange,
      disabled = false,
      asChild,
      children,
      onSubmit,
      ...rest
    },
    ref,
  ) {
    const { chat, focusComposer } = useChatContext('Composer')
    const [value, setValue] = useControllableState(valueProp, defaultValue, onValueChange)
    const { send, isLoading } = chat
    const submit = useCallback(() => {
      const text = value.trim()
      if (disabled || isLoading || text === '') return
      void send(text)
      setValue('')
      focusComposer()
    }, [value, disabled, isLoading, send, setValue, focusComposer])
    const context = useMemo<ComposerContextValue>(
      () => ({ value, setValue, disabled, submit }),
      [value, setValue, disabled, submit],
    )
    const Element = asChild ? Slot : 'form'
    return (
      <ComposerContext.Provider value={context}>
        <Element
          data-slot="composer"
          data-disabled={disabled ? '' : undefined}
          {...rest}
          ref={ref}
          onSubmit={composeEventHandlers(onSubmit, (event) => {
            event.preventDefault()
            submit()
          })}
        >
          {children ?? (
            <>
              <ComposerInput />
              <SendButton />
            </>
          )}
        </Element>
      </ComposerContext.Provider>
    )
  },
)
