import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { mockChatHandler, mockHandler } from 'rivulet/mock'
import { readAll, sseBlocks } from './read-all.ts'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const url = 'http://localhost/api/chat'
const post = (body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
    signal,
  })

function chatText(bodyText: string) {
  return sseBlocks(bodyText)
    .filter((b) => b.data !== '[DONE]')
    .map((b) => JSON.parse(b.data).choices[0]?.delta.content ?? '')
    .join('')
}

describe('mockHandler', () => {
  it('streams the given text through msw setupServer in node', async () => {
    server.use(
      mockHandler('/api/chat', { format: 'openai-chat', text: 'Hello from msw', tokenDelay: 5 }),
    )
    const response = await post({ messages: [{ role: 'user', content: 'hi' }] })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const { text, chunks } = await readAll(response)
    expect(chatText(text)).toBe('Hello from msw')
    expect(chunks.length).toBeGreaterThan(1)
  })

  it('answers from the prompt when options are a function of the request', async () => {
    server.use(
      mockHandler('/api/chat', ({ prompt, body }) => ({
        format: 'sse-json',
        text: `echo: ${prompt} (${(body as { messages: unknown[] }).messages.length} messages)`,
      })),
    )
    const response = await post({
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'ping' }] },
      ],
    })
    const data = sseBlocks((await readAll(response)).text).map((b) => JSON.parse(b.data).text)
    expect(data.join('')).toBe('echo: ping (2 messages)')
  })

  it('follows a per-request script and repeats its last entry', async () => {
    server.use(
      mockHandler('/api/chat', [
        { format: 'openai-chat', status: 429, retryAfter: 1 },
        { format: 'openai-chat', text: 'second time lucky' },
      ]),
    )
    const first = await post({ messages: [] })
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('1')
    await first.arrayBuffer()
    for (let i = 0; i < 2; i++) {
      const next = await post({ messages: [] })
      expect(next.status).toBe(200)
      expect(chatText((await readAll(next)).text)).toBe('second time lucky')
    }
  })

  it('quotes the prompt in a default markdown reply when no text is given', async () => {
    server.use(mockHandler('/api/chat', { format: 'openai-chat' }))
    const response = await post({ messages: [{ role: 'user', content: 'What is rivulet?' }] })
    const reply = chatText((await readAll(response)).text)
    expect(reply).toContain('“What is rivulet?”')
    expect(reply).toContain('**rivulet/mock**')
  })

  it('resumes after the Last-Event-ID the client sends', async () => {
    server.use(
      mockHandler('/api/chat', { format: 'sse-json', text: 'one two three four', eventIds: true }),
    )
    const full = sseBlocks((await readAll(await post({}))).text)
    expect(full.map((b) => b.id)).toEqual(['1', '2', '3', '4'])
    const resumed = sseBlocks((await readAll(await post({}, { 'last-event-id': '2' }))).text)
    expect(resumed.map((b) => b.id)).toEqual(['3', '4'])
    expect(resumed.map((b) => JSON.parse(b.data).text).join('')).toBe(' three four')
  })

  it('rejects invalid static options when the handler is made', () => {
    expect(() => mockHandler('/api/chat', { tokenDelay: -1 })).toThrow(
      'mockStream: tokenDelay must be a non-negative number, got -1',
    )
    expect(() => mockHandler('/api/chat', [])).toThrow(/script is empty/)
  })
})

describe('mockChatHandler', () => {
  it('answers a chat in OpenAI format from the prompt, with overrides', async () => {
    server.use(mockChatHandler('/api/chat', { ttft: 0, tokenDelay: 0, jitter: 0 }))
    const response = await post({ messages: [{ role: 'user', content: 'Tell me a story' }] })
    expect(chatText((await readAll(response)).text)).toContain('“Tell me a story”')
  })
})

describe('mockHandler and aborts', () => {
  it('passes the request signal so an aborted fetch stops the mock stream', async () => {
    let signal: AbortSignal | undefined
    server.use(
      mockHandler('/api/chat', ({ request }) => {
        signal = request.signal
        return { format: 'text', text: 'a b c d e f', tokenDelay: 50 }
      }),
    )
    const controller = new AbortController()
    const response = await post({}, {}, controller.signal)
    const reader = response.body!.getReader()
    await reader.read()
    controller.abort()
    await expect(reader.read()).rejects.toThrow()
    await vi.waitFor(() => expect(signal?.aborted).toBe(true), { timeout: 1000 })
  })
})

describe('mockHandler usage', () => {
  it('reports input tokens estimated from the prompt unless given', async () => {
    server.use(mockHandler('/api/chat', { format: 'anthropic', text: 'ok' }))
    const prompt = 'x'.repeat(40)
    const start = sseBlocks(
      (await readAll(await post({ messages: [{ role: 'user', content: prompt }] }))).text,
    )[0]!
    expect(JSON.parse(start.data).message.usage.input_tokens).toBe(10)
    server.use(
      mockHandler('/api/chat', { format: 'anthropic', text: 'ok', usage: { inputTokens: 99 } }),
    )
    const given = sseBlocks(
      (await readAll(await post({ messages: [{ role: 'user', content: prompt }] }))).text,
    )[0]!
    expect(JSON.parse(given.data).message.usage.input_tokens).toBe(99)
  })
})
