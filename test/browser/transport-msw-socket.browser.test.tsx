import { setupWorker } from 'msw/browser'
import { createRoot } from 'react-dom/client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createStream } from 'rivulet/core'
import { mockSocketHandler, type MockSocketConnection } from 'rivulet/mock'
import { useChat } from 'rivulet/react'

// mockSocketHandler: msw's `ws.link` intercepts the page's own WebSocket, so a story or a
// browser test uses transport 'websocket' with no server at all.
const text = 'Over a mocked socket, 👋 wörld: token by token.'
const long = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')
const connections: MockSocketConnection[] = []

const worker = setupWorker(
  mockSocketHandler('/api/socket-chat', { format: 'openai-chat', text, ttft: 5, tokenDelay: 10 }),
  mockSocketHandler('/api/socket-long', (_call, connection) => {
    connections.push(connection)
    return { format: 'anthropic', text: long, ttft: 5, tokenDelay: 20 }
  }),
  mockSocketHandler('/api/socket-503', [
    { format: 'ollama', status: 503 },
    { format: 'ollama', text, tokenDelay: 2 },
  ]),
  mockSocketHandler('/api/socket-drop', { format: 'openai-chat', text, fault: 'network-after:2' }),
  mockSocketHandler('/api/socket-usage', { format: 'anthropic', text, usage: { outputTokens: 3 } }),
)

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' })
})
afterAll(() => worker.stop())

describe('mockSocketHandler in Chromium', () => {
  it('useChat over the websocket transport streams the scripted answer', async () => {
    const container = document.createElement('div')
    document.body.append(container)
    const root = createRoot(container)
    const shown: string[] = []
    let send: ((content: string) => unknown) | undefined
    function Probe() {
      const chat = useChat({
        url: '/api/socket-chat',
        transport: 'websocket',
        format: 'openai-chat',
      })
      send = chat.send
      const answer = chat.messages.findLast((m) => m.role === 'assistant')
      if (answer && shown.at(-1) !== answer.content) shown.push(answer.content)
      return <p data-status={answer?.status ?? 'none'}>{answer?.content}</p>
    }
    root.render(<Probe />)
    try {
      await vi.waitFor(() => expect(send).toBeDefined())
      void send!('hi')
      const p = () => container.querySelector('p')
      await vi.waitFor(() => expect(p()?.dataset.status).toBe('done'), { timeout: 5000 })
      expect(p()?.textContent).toBe(text)
      expect(shown.filter((s) => s !== '' && s !== text).length).toBeGreaterThan(0)
    } finally {
      root.unmount()
      container.remove()
    }
  })

  it('stop closes the socket from the client, keeping the partial answer', async () => {
    const stream = createStream({
      url: '/api/socket-long',
      transport: 'websocket',
      format: 'anthropic',
      body: { messages: [{ role: 'user', content: 'hi' }] },
    })
    const settled = stream.start()
    await vi.waitFor(() => expect(stream.getSnapshot().text.split(' ').length).toBeGreaterThan(3))
    stream.stop()
    const result = await settled
    expect(result.status).toBe('aborted')
    expect(long.startsWith(result.text)).toBe(true)
    const connection = connections.at(-1)!
    expect(connection.body).toEqual({ messages: [{ role: 'user', content: 'hi' }] })
    await vi.waitFor(() => expect(connection.closedBy).toBe('client'))
    expect(connection.closeCode).toBe(1000)
    // The mock's timers stopped with the socket: nothing more is sent.
    const sent = connection.sent.length
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(connection.sent.length).toBe(sent)
  })

  it('an HTTP status closes with 4000 + status, which the retry policy rides out', async () => {
    const result = await createStream({
      url: '/api/socket-503',
      transport: 'websocket',
      format: 'ollama',
      body: { messages: [] },
      retry: { retries: 2, baseDelay: 5, maxDelay: 5, jitter: false },
    }).start()
    expect(result.status).toBe('done')
    expect(result.text).toBe(text)
    expect(result.metrics.retries).toBe(1)
  })

  it('fills in usage as mockHandler does: input tokens from the prompt, given counts kept', async () => {
    const result = await createStream({
      url: '/api/socket-usage',
      transport: 'websocket',
      format: 'anthropic',
      body: { messages: [{ role: 'user', content: 'x'.repeat(40) }] },
      retry: false,
    }).start()
    expect(result.status).toBe('done')
    expect(result.usage).toMatchObject({ inputTokens: 10, outputTokens: 3 })
  })

  it('a network fault drops the connection: a retryable network error', async () => {
    const result = await createStream({
      url: '/api/socket-drop',
      transport: 'websocket',
      format: 'openai-chat',
      body: {},
      retry: false,
    }).start()
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ kind: 'network', retryable: true })
  })
})
