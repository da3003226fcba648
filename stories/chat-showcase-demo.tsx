import '../src/components/styles.css'
import './demo.css'
import { StreamingMarkdown } from 'rivulet/components'
import { useChat } from 'rivulet/react'
import { DemoComposer } from './demo-composer.tsx'
import { MetricsList } from './metrics-list.tsx'

/** Props of the showcase: where the mock answers and how fast it types. */
export interface ChatShowcaseProps {
  /** The mock endpoint (its handler is set by the story). */
  url: string
  /** Suggested first message. */
  prompt: string
}

/**
 * The whole stack as an app uses it: `useChat` streams from the mock, and each assistant
 * answer renders through `StreamingMarkdown` with the typing cursor while it streams.
 */
export function ChatShowcase({ url, prompt }: ChatShowcaseProps) {
  const { messages, status, error, isLoading, send, stop } = useChat({
    url,
    format: 'openai-chat',
  })
  const last = messages.at(-1)
  return (
    <section className="demo" aria-label="Chat showcase" data-status={status}>
      <ol className="demo-messages" aria-label="Messages">
        {messages.map((message) => (
          <li key={message.id} data-role={message.role} data-status={message.status}>
            <strong>{message.role === 'user' ? 'You' : 'Assistant'}</strong>
            {message.role === 'assistant' ? (
              <StreamingMarkdown
                text={message.content}
                streaming={message.status === 'streaming'}
              />
            ) : (
              <p>{message.content}</p>
            )}
          </li>
        ))}
      </ol>
      <DemoComposer
        initialDraft={prompt}
        onSend={(text) => void send(text)}
        onStop={stop}
        isLoading={isLoading}
      />
      <p>
        Status: <span data-testid="status">{status}</span>
      </p>
      {error ? (
        <p role="alert" data-kind={error.kind}>
          {error.kind} error: {error.message}
        </p>
      ) : null}
      <MetricsList metrics={last?.role === 'assistant' ? last.metrics : undefined} />
    </section>
  )
}
