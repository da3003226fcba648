import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createChat, createStream } from 'rivulet/core'
import { mockFormats, mockHandler, type MockRequestInfo } from 'rivulet/mock'
import { expectConsistentMetrics, tokensOf } from './harness.ts'
import { until } from './server-harness.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const url = 'http://app.test/api/chat'
const text = 'Through msw: a handler, a Response, wörld 👋.'
const tokens = tokensOf(text)
const fastRetry = { retries: 2, baseDelay: 5, jitter: false }

describe('createStream and createChat against mockHandler in msw setupServer', () => {
  it.each(mockFormats)('%s through the global fetch: exactly the text, done', async (format) => {
    server.use(
      mockHandler('/api/chat', { format, text, tokenDelay: 1, chunkSize: [1, 7], seed: 5 }),
    )
    const stream = createStream({ url, body: { prompt: 'hi' } })
    const result = await stream.start()
    expect(result).toMatchObject({ status: 'done', text })
    // A plain text body has no events: each chunk read is a text part.
    const parts = format === 'text' ? undefined : tokens.length
    expectConsistentMetrics(result.metrics, { tokens: parts, chars: text.length })
  })

  it.each(['openai-chat', 'openai-responses', 'anthropic', 'sse-json'] as const)(
    '%s: the resumable handler continues after the Last-Event-ID the client sends',
    async (format) => {
      const seen: (string | null)[] = []
      server.use(
        mockHandler('/api/chat', (info: MockRequestInfo) => {
          seen.push(info.request.headers.get('last-event-id'))
          return {
            format,
            text,
            eventIds: true,
            tokenDelay: 1,
            fault: info.call === 0 ? 'network-after:4' : undefined,
          }
        }),
      )
      const stream = createStream({ url, body: { prompt: 'hi' }, retry: fastRetry })
      const snapshots = recordSnapshots(stream)
      const result = await stream.start()
      expect(result).toMatchObject({ status: 'done', text })
      expect(seen).toHaveLength(2)
      expect(seen[0]).toBeNull()
      expect(seen[1]).toMatch(/^\d+$/)
      for (const s of snapshots) expect(text.startsWith(s.text)).toBe(true)
      expectConsistentMetrics(result.metrics, {
        tokens: tokens.length,
        chars: text.length,
        retries: 1,
      })
    },
  )

  it('a script of answers: 429 with Retry-After, then 500, then the stream', async () => {
    let calls = 0
    server.use(
      mockHandler('/api/chat', [
        { status: 429, headers: { 'retry-after-ms': '30' } },
        { status: 500 },
        { format: 'anthropic', text, tokenDelay: 1 },
      ]),
    )
    const stream = createStream({
      url,
      body: { prompt: 'hi' },
      retry: fastRetry,
      fetch: (input, init) => {
        calls++
        return fetch(input, init)
      },
    })
    const result = await stream.start()
    expect(result).toMatchObject({ status: 'done', text, finishReason: 'end_turn' })
    expect(result.metrics.retries).toBe(2)
    expect(calls).toBe(3)
  })

  it('a 401 from the handler is an http error and is not retried', async () => {
    let calls = 0
    server.use(
      mockHandler('/api/chat', () => {
        calls++
        return { format: 'openai-chat', status: 401, errorMessage: 'Incorrect API key provided' }
      }),
    )
    const stream = createStream({ url, body: { prompt: 'hi' }, retry: fastRetry })
    const result = await stream.start()
    expect(result.error).toMatchObject({ kind: 'http', status: 401, retryable: false })
    expect(result.error?.message).toContain('Incorrect API key')
    expect(calls).toBe(1)
  })

  it('stop() aborts the request the handler sees, and the text stays', async () => {
    const signals: AbortSignal[] = []
    const long = Array.from({ length: 100 }, (_, i) => `m${i}`).join(' ')
    server.use(
      mockHandler('/api/chat', (info: MockRequestInfo) => {
        signals.push(info.request.signal)
        return { format: 'openai-chat', text: long, tokenDelay: 10 }
      }),
    )
    const stream = createStream({ url, body: { prompt: 'hi' } })
    const settled = stream.start()
    expect(await until(() => stream.getSnapshot().metrics.tokens >= 3)).toBe(true)
    stream.stop()
    const result = await settled
    expect(result.status).toBe('aborted')
    expect(long.startsWith(result.text)).toBe(true)
    expect(result.text.length).toBeGreaterThan(0)
    expect(await until(() => signals[0]?.aborted === true)).toBe(true)
    expect(signals).toHaveLength(1)
  })

  it('a chat mock answers from the prompt and sees the whole history in the body', async () => {
    const bodies: unknown[] = []
    server.use(
      mockHandler('/api/chat', (info: MockRequestInfo) => {
        bodies.push(info.body)
        return { format: 'openai-chat', text: `You said: ${info.prompt}`, tokenDelay: 1 }
      }),
    )
    const chat = createChat({ url, format: 'openai-chat' })
    await chat.send('first')
    await chat.send('second')
    expect(chat.getSnapshot().messages.map((m) => m.content)).toEqual([
      'first',
      'You said: first',
      'second',
      'You said: second',
    ])
    expect(bodies).toEqual([
      { messages: [{ role: 'user', content: 'first' }] },
      {
        messages: [
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'You said: first' },
          { role: 'user', content: 'second' },
        ],
      },
    ])
  })
})
