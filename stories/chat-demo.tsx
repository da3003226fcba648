import './demo.css'
import { useId, useState } from 'react'
import { useChat } from 'rivulet/react'
import type { Throttle } from 'rivulet/react'
import { MetricsList } from './metrics-list.tsx'
import { scenarioUrl } from './mock-scenario.ts'
import type { Scenario } from './mock-scenario.ts'

/** Props of the useChat story: the mock scenario plus the hook's throttle. */
export interface ChatDemoProps extends Scenario {
  throttle: Throttle
}

/** useChat over the mock: a message list, a composer and the chat's actions. */
export function ChatDemo({ throttle, ...scenario }: ChatDemoProps) {
  const inputId = useId()
  const [draft, setDraft] = useState('What is a rivulet?')
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
      <ol className="demo-messages" aria-label="Messages">
        {messages.map((message) => (
          <li key={message.id} data-role={message.role} data-status={message.status}>
            <strong>{message.role === 'user' ? 'You' : 'Assistant'}: </strong>
            <span className="demo-text">{message.content}</span>
          </li>
        ))}
      </ol>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (draft.trim() === '') return
          void send(draft)
          setDraft('')
        }}
      >
        <label htmlFor={inputId}>Message</label>
        <input id={inputId} value={draft} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" disabled={isLoading}>
          Send
        </button>
        <button type="button" onClick={stop} disabled={!isLoading}>
          Stop
        </button>
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
      </form>
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
