import './demo.css'
import { useState } from 'react'
import { useChat } from 'rivulet/react'
import type { Throttle } from 'rivulet/react'
import { DemoComposer } from './demo-composer.tsx'
import { ChatReadout, DemoMessages } from './demo-readout.tsx'
import { scenarioUrl } from './mock-scenario.ts'
import type { Scenario } from './mock-scenario.ts'

/** Props of the useChat story: the mock scenario plus the hook's throttle. */
export interface ChatDemoProps extends Scenario {
  throttle: Throttle
}

/** useChat over the mock: a message list, a composer and the chat's actions. */
export function ChatDemo({ throttle, ...scenario }: ChatDemoProps) {
  // Each mounted demo is its own session, so the mock counts a new chat's attempts afresh.
  const [session] = useState(() => Math.random().toString(36).slice(2))
  const { messages, status, error, isLoading, send, stop, regenerate, reset } = useChat({
    url: scenarioUrl('/api/chat', scenario),
    format: scenario.format,
    body: (messages) => ({
      messages: messages.map(({ role, content }) => ({ role, content })),
      session,
    }),
    retry: { retries: 2, baseDelay: 200 },
    throttle,
  })
  const last = messages.at(-1)
  return (
    <section className="demo" aria-label="useChat demo" data-status={status}>
      <DemoMessages
        messages={messages}
        speakerSuffix=": "
        renderContent={(message) => <span className="demo-text">{message.content}</span>}
      />
      <DemoComposer
        initialDraft="What is a rivulet?"
        onSend={(text) => void send(text)}
        onStop={stop}
        isLoading={isLoading}
      >
        <button
          type="button"
          onClick={() => void regenerate()}
          disabled={isLoading || last?.role !== 'assistant'}
        >
          Regenerate
        </button>
        <button type="button" onClick={reset}>
          Clear
        </button>
      </DemoComposer>
      <ChatReadout messages={messages} status={status} error={error} />
    </section>
  )
}
