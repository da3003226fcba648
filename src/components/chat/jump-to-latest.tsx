import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import { useChatContext } from './chat-context.ts'
import { ArrowDownIcon } from './icons.tsx'
import { useMessageListContext } from './message-list-context.ts'
import { composeEventHandlers, Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link JumpToLatest}. */
export interface JumpToLatestProps extends ComponentPropsWithoutRef<'button'>, AsChildProps {}

/**
 * "Jump to latest": shown (`data-state="visible"`) once the reader scrolled up and the list
 * stopped following; it scrolls to the end and follows again. Hidden (`data-state="hidden"`,
 * `hidden`) while following. Rendered by `MessageList` itself. Focus on it moves to the
 * composer, since the button disappears.
 */
export const JumpToLatest = /* @__PURE__ */ forwardRef<HTMLButtonElement, JumpToLatestProps>(
  function JumpToLatest({ asChild, children, onClick, ...rest }, ref) {
    const { labels, focusComposer } = useChatContext('JumpToLatest')
    const list = useMessageListContext('JumpToLatest')
    const Element = asChild ? Slot : 'button'
    return (
      <Element
        type="button"
        data-slot="jump-to-latest"
        data-state={list.following ? 'hidden' : 'visible'}
        hidden={list.following}
        {...rest}
        ref={ref}
        onClick={composeEventHandlers(onClick, (event) => {
          // The button hides once following again: its focus would fall to <body>.
          if (event.currentTarget === document.activeElement) focusComposer()
          list.jumpToLatest()
        })}
      >
        {children ?? (
          <>
            <ArrowDownIcon />
            {labels.jumpToLatest}
          </>
        )}
      </Element>
    )
  },
)
