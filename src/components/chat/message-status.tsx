import { forwardRef, useEffect, useState, type ComponentPropsWithoutRef } from 'react'
import type { StreamError } from 'rivulet/core'
import { useChatContext } from './chat-context.ts'
import { useMessageContext } from './message-context.ts'

/** Props of {@link MessageStatus}. */
export type MessageStatusProps = ComponentPropsWithoutRef<'div'>

function Countdown({ error, attempt }: { error: StreamError; attempt: number }) {
  const { labels } = useChatContext('MessageStatus')
  const [until] = useState(() => Date.now() + (error.retryAfter ?? 0))
  const [now, setNow] = useState(until - (error.retryAfter ?? 0))
  useEffect(() => {
    if (!error.retryAfter) return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [error])
  const seconds = error.retryAfter ? Math.max(0, Math.ceil((until - now) / 1000)) : undefined
  return <>{labels.reconnecting(attempt, seconds)}</>
}

/**
 * The state of an answer besides its text (`data-slot="message-status"`, `data-state`):
 * `pending` before its first token (animated dots, still under reduced motion), `reconnecting`
 * while the chat retries (attempt n, and the server's `Retry-After` wait counting down), and
 * `stopped` under an answer the reader stopped. Renders nothing otherwise.
 */
export const MessageStatus = /* @__PURE__ */ forwardRef<HTMLDivElement, MessageStatusProps>(
  function MessageStatus(props, ref) {
    const { chat, labels } = useChatContext('MessageStatus')
    const { message } = useMessageContext('MessageStatus')
    if (message.role !== 'assistant') return null
    const active = message.status === 'streaming'
    if (active && chat.status === 'retrying') {
      const error = chat.lastError
      const attempt = (message.metrics?.retries ?? 0) + 1
      return (
        <div data-slot="message-status" data-state="reconnecting" {...props} ref={ref}>
          <span data-slot="spinner" aria-hidden="true" />
          {error ? (
            <Countdown key={attempt} error={error} attempt={attempt} />
          ) : (
            labels.reconnecting(attempt)
          )}
        </div>
      )
    }
    // Reasoning or a tool call already shows that the answer is under way.
    if (active && message.content === '' && !message.parts?.some((p) => p.type !== 'step-start')) {
      return (
        <div data-slot="message-status" data-state="pending" {...props} ref={ref}>
          <span data-slot="pending-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span data-slot="visually-hidden">{labels.pending}</span>
        </div>
      )
    }
    if (message.status === 'aborted') {
      return (
        <div data-slot="message-status" data-state="stopped" {...props} ref={ref}>
          {labels.stopped}
        </div>
      )
    }
    return null
  },
)
