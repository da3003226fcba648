import type { ReactNode } from 'react'
import type { ChatMessage, StreamError, StreamStatus } from 'rivulet/core'
import { MetricsList } from './metrics-list.tsx'

/** The demos' status line; the stories' play functions read it by its test id. */
export function DemoStatus({ status }: { status: StreamStatus }) {
  return (
    <p>
      Status: <span data-testid="status">{status}</span>
    </p>
  )
}

/** The demos' error line: an alert naming the error's kind, or nothing. */
export function DemoError({ error }: { error: StreamError | undefined }) {
  return error ? (
    <p role="alert" data-kind={error.kind}>
      {error.kind} error: {error.message}
    </p>
  ) : null
}

/** Props of the chat demos' message list. */
export interface DemoMessagesProps {
  messages: readonly ChatMessage[]
  /** What follows the speaker's name ("You", "Assistant"). */
  speakerSuffix?: string
  /** A message's body. */
  renderContent(message: ChatMessage): ReactNode
}

/** The chat demos' message list: one item a message, tagged with its role and status. */
export function DemoMessages({ messages, speakerSuffix = '', renderContent }: DemoMessagesProps) {
  return (
    <ol className="demo-messages" aria-label="Messages">
      {messages.map((message) => (
        <li key={message.id} data-role={message.role} data-status={message.status}>
          <strong>
            {message.role === 'user' ? 'You' : 'Assistant'}
            {speakerSuffix}
          </strong>
          {renderContent(message)}
        </li>
      ))}
    </ol>
  )
}

/** Below a chat demo: its status, its error and the metrics of the last answer. */
export function ChatReadout({
  messages,
  status,
  error,
}: {
  messages: readonly ChatMessage[]
  status: StreamStatus
  error: StreamError | undefined
}) {
  const last = messages.at(-1)
  return (
    <>
      <DemoStatus status={status} />
      <DemoError error={error} />
      <MetricsList metrics={last?.role === 'assistant' ? last.metrics : undefined} />
    </>
  )
}
