import { forwardRef, useState, type ComponentPropsWithoutRef } from 'react'
import type { ReasoningPart } from 'rivulet/core'
import { StreamingMarkdown } from '../streaming-markdown.tsx'
import { useChatContext } from './chat-context.ts'
import { useOptionalMessage } from './message-context.ts'
import { composeEventHandlers } from './primitive.tsx'
import { useThinkingTime } from './use-thinking-time.ts'

/** Props of {@link Reasoning}. */
export interface ReasoningProps extends Omit<
  ComponentPropsWithoutRef<'details'>,
  'children' | 'part'
> {
  /** The reasoning part of a message. */
  part: ReasoningPart
  /**
   * The model is still thinking. Default: inside a `Message`, true while the answer streams
   * and this part is its last one.
   */
  thinking?: boolean
}

/**
 * A message's reasoning (`details`, `data-slot="reasoning"`, `data-state="thinking|done"`):
 * open while the model thinks, under a "Thinking…" summary; it collapses when the answer moves
 * on and then reads "Thought for 12 s" (plain "Reasoning" for an answer from history, whose
 * thinking time was never seen). The reader can open and close it with the summary (a native
 * disclosure: mouse, Enter and Space). Redacted reasoning is never shown: it renders nothing.
 */
export const Reasoning = /* @__PURE__ */ forwardRef<HTMLDetailsElement, ReasoningProps>(
  function Reasoning({ part, thinking: thinkingProp, onToggle, ...rest }, ref) {
    const { labels, markdown } = useChatContext('Reasoning')
    const message = useOptionalMessage()?.message
    const thinking =
      thinkingProp ?? (message?.status === 'streaming' && message.parts?.at(-1) === part)
    const seconds = useThinkingTime(thinking)
    // Open while thinking, closed once done; the reader's own toggles count in between.
    const [open, setOpen] = useState(thinking)
    const [wasThinking, setWasThinking] = useState(thinking)
    if (wasThinking !== thinking) {
      setWasThinking(thinking)
      setOpen(thinking)
    }
    if (part.redacted) return null
    return (
      <details
        data-slot="reasoning"
        data-state={thinking ? 'thinking' : 'done'}
        open={open}
        {...rest}
        ref={ref}
        onToggle={composeEventHandlers(onToggle, (event) => setOpen(event.currentTarget.open))}
      >
        <summary data-slot="reasoning-summary">
          {thinking ? labels.thinking : labels.thoughtFor(seconds)}
        </summary>
        <div data-slot="reasoning-content">
          <StreamingMarkdown
            {...markdown}
            text={part.text}
            streaming={thinking}
            cursor={false}
            highlight={false}
          />
        </div>
      </details>
    )
  },
)
