// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { Chat } from 'rivulet/components'
import type { ChatMessage } from 'rivulet/core'
import type { UseChatResult } from 'rivulet/react'
import { describe, expect, test } from 'vitest'

const noop = () => undefined
const answer: ChatMessage = {
  id: 'a1',
  role: 'assistant',
  content: 'It is sunny.',
  status: 'done',
  branch: { index: 1, count: 2 },
  parts: [
    { type: 'reasoning', text: 'Check the weather first.' },
    {
      type: 'tool-call',
      id: 'c1',
      name: 'get_weather',
      argsText: '{"city":"Paris"}',
      args: { city: 'Paris' },
      status: 'complete',
      result: { sky: 'sunny' },
    },
    { type: 'step-start' },
    { type: 'text', text: 'It is sunny.' },
    { type: 'source', url: 'https://weather.example/paris', title: 'Paris weather' },
  ],
}
const chat = {
  messages: [{ id: 'u1', role: 'user', content: 'Weather?' }, answer],
  status: 'done',
  isLoading: false,
  send: async () => {},
  stop: noop,
  regenerate: async () => {},
  edit: async () => {},
  retry: async () => {},
  setMessages: noop,
  reset: noop,
  addToolResult: noop,
  switchBranch: noop,
} satisfies UseChatResult

describe('given a server without a DOM', () => {
  test('an answer with reasoning, a tool call, sources and branches renders to HTML', () => {
    expect(typeof window).toBe('undefined')
    const html = renderToString(<Chat value={chat} />)
    expect(html).toContain('data-slot="reasoning"')
    expect(html).toContain('Reasoning</summary>')
    expect(html).toContain('data-slot="tool-call" data-status="done" data-tool="get_weather"')
    expect(html).toContain('&quot;sky&quot;: &quot;sunny&quot;')
    expect(html).toContain('href="https://weather.example/paris"')
    expect(html).toContain('aria-label="Answer 2 of 2"')
  })
})
