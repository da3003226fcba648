// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { useChat, useStream } from 'rivulet/react'

function StreamReadout() {
  const { status, text, isLoading } = useStream({ url: '/api/complete' })
  return <p data-status={status}>{isLoading ? 'loading' : text || 'empty'}</p>
}

function ChatReadout() {
  const { messages, status } = useChat({
    url: '/api/chat',
    initialMessages: [{ id: 'm1', role: 'assistant', content: 'Hi there' }],
  })
  return (
    <ul data-status={status}>
      {messages.map((message) => (
        <li key={message.id}>{message.content}</li>
      ))}
    </ul>
  )
}

describe('server rendering', () => {
  it('runs with no window or document', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
  })

  it('renders a component using useStream to a string', () => {
    expect(renderToString(<StreamReadout />)).toBe('<p data-status="idle">empty</p>')
  })

  it('renders a component using useChat to a string, with its initial messages', () => {
    expect(renderToString(<ChatReadout />)).toBe('<ul data-status="idle"><li>Hi there</li></ul>')
  })
})
