import '../src/components/styles.css'
import './demo.css'
import { StreamingMarkdown } from 'rivulet/components'
import { useChat } from 'rivulet/react'
import { DemoComposer } from './demo-composer.tsx'
import { ChatReadout, DemoMessages } from './demo-readout.tsx'

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
  return (
    <section className="demo" aria-label="Chat showcase" data-status={status}>
      <DemoMessages
        messages={messages}
        renderContent={(message) =>
          message.role === 'assistant' ? (
            <StreamingMarkdown text={message.content} streaming={message.status === 'streaming'} />
          ) : (
            <p>{message.content}</p>
          )
        }
      />
      <DemoComposer
        initialDraft={prompt}
        onSend={(text) => void send(text)}
        onStop={stop}
        isLoading={isLoading}
      />
      <ChatReadout messages={messages} status={status} error={error} />
    </section>
  )
}
