import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStream, type StreamFormat } from 'rivulet/core'
import type { MockServer, StreamEndInfo } from 'rivulet/mock/server'
import { expectConsistentMetrics, tokensOf } from './harness.ts'
import { capturingFetch, headersByCall, startRecordingServer, until } from './server-harness.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

let server: MockServer
let ends: StreamEndInfo[]

beforeAll(async () => {
  ;({ server, ends } = await startRecordingServer())
})
afterAll(async () => {
  await server.close()
})

const text = 'Streamed from a real socket: wörld 👋, chunk by chunk.'
const tokens = tokensOf(text)
const messages = [{ role: 'user', content: 'hi' }]
const knobs = `text=${encodeURIComponent(text)}&ttft=2&delay=2&chunk=1-7&seed=3`

const endpoints = [
  {
    path: '/v1/chat/completions',
    format: 'openai-chat',
    finish: 'stop',
    body: { model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages },
  },
  {
    path: '/v1/responses',
    format: 'openai-responses',
    finish: 'stop',
    body: { model: 'gpt-4o-mini', stream: true, input: 'hi' },
  },
  {
    path: '/v1/messages',
    format: 'anthropic',
    finish: 'end_turn',
    body: { model: 'claude', max_tokens: 256, stream: true, messages },
  },
  { path: '/api/chat', format: 'ollama', finish: 'stop', body: { model: 'llama3.2', messages } },
  {
    path: '/api/generate',
    format: 'ollama',
    finish: 'stop',
    body: { model: 'llama3.2', prompt: 'hi' },
  },
  { path: '/chat', format: 'sse-json', finish: undefined, body: { messages } },
] as const

/** Ends reported for `path` since `from`. */
const endsOf = (path: string, from: number) => ends.slice(from).filter((e) => e.path === path)

/** Headers for the first request only: a fault that happens once, then the retry is clean. */
const firstTime = (headers: Record<string, string>) => headersByCall(headers, {})

const fastRetry = { retries: 2, baseDelay: 5, jitter: false }

/**
 * Streams `path` from the server with `fault` on the first request only and quick retries:
 * the result, every snapshot on the way and the requests sent. `query` is added to the knobs.
 */
async function runFaultedOnce(path: (typeof endpoints)[number]['path'], fault: string, query = '') {
  const endpoint = endpoints.find((e) => e.path === path)!
  const capture = capturingFetch()
  const stream = createStream({
    url: `${server.url}${path}?${knobs}${query}`,
    body: endpoint.body,
    fetch: capture.fetch,
    headers: firstTime({ 'x-mock-fault': fault }),
    retry: fastRetry,
  })
  const snapshots = recordSnapshots(stream)
  const result = await stream.start()
  return { result, snapshots, sent: capture.sent }
}

describe('createStream against the mock LLM server', () => {
  it.each(endpoints.flatMap((e) => [e, { ...e, format: 'auto' as const }]))(
    '$path decoded as $format: exactly the text, done, finish reason and metrics',
    async ({ path, format, finish, body }) => {
      const from = ends.length
      const stream = createStream({
        url: `${server.url}${path}?${knobs}`,
        body,
        format: format as StreamFormat,
      })
      const result = await stream.start()
      expect(result.status).toBe('done')
      expect(result.text).toBe(text)
      expect(result.finishReason).toBe(finish)
      if (finish !== undefined) {
        expect(result.usage?.outputTokens).toBe(tokens.length)
        expect(result.usage?.inputTokens).toBeGreaterThan(0)
      }
      expectConsistentMetrics(result.metrics, { tokens: tokens.length, chars: text.length })
      expect(await until(() => endsOf(path, from).length === 1)).toBe(true)
      const [end] = endsOf(path, from)
      expect(end).toMatchObject({ status: 200, reason: 'complete' })
      // Every byte the server wrote was counted by the client.
      expect(result.metrics.bytes).toBe(end!.bytes)
    },
  )

  it.each(['/v1/chat/completions', '/v1/responses', '/v1/messages', '/chat'] as const)(
    '%s: a reset connection resumes with Last-Event-ID and the text is appended, never doubled',
    async (path) => {
      const { result, snapshots, sent } = await runFaultedOnce(path, 'network-after:4', '&ids=1')
      expect(result).toMatchObject({ status: 'done', text })
      expect(sent).toHaveLength(2)
      expect(sent[1]!.headers.get('last-event-id')).toMatch(/^\d+$/)
      for (const s of snapshots) expect(text.startsWith(s.text)).toBe(true)
      expectConsistentMetrics(result.metrics, {
        tokens: tokens.length,
        chars: text.length,
        retries: 1,
      })
    },
  )

  it.each(['/v1/chat/completions', '/v1/messages', '/api/chat'] as const)(
    '%s: a clean close without the terminator restarts and replaces the partial text',
    async (path) => {
      const { result, snapshots, sent } = await runFaultedOnce(path, 'drop-after:5')
      expect(result).toMatchObject({ status: 'done', text })
      expect(sent).toHaveLength(2)
      expect(sent[1]!.headers.get('last-event-id')).toBeNull()
      const texts = snapshots.map((s) => s.text)
      for (const shown of texts) expect(text.startsWith(shown)).toBe(true)
      expect(texts).toContain(tokens.slice(0, 5).join(''))
      expect(texts.some((t, i) => i > 0 && t.length < texts[i - 1]!.length)).toBe(true)
    },
  )

  it.each(['/api/chat', '/api/generate', '/chat'] as const)(
    '%s: a reset connection without ids restarts and ends with exactly the text',
    async (path) => {
      const { result, snapshots, sent } = await runFaultedOnce(path, 'network-after:4')
      expect(result).toMatchObject({ status: 'done', text })
      expect(sent).toHaveLength(2)
      expect(snapshots.map((s) => s.text)).toContain(tokens.slice(0, 4).join(''))
      for (const s of snapshots) expect(text.startsWith(s.text)).toBe(true)
    },
  )

  it('a 429 with Retry-After is retried and then streams', async () => {
    const from = ends.length
    const path = '/v1/chat/completions'
    const stream = createStream({
      url: `${server.url}${path}?${knobs}`,
      body: endpoints[0].body,
      headers: firstTime({ 'x-mock-status': '429', 'x-mock-retry-after': '0.1' }),
      retry: fastRetry,
    })
    const result = await stream.start()
    expect(result).toMatchObject({ status: 'done', text })
    expect(result.metrics.retries).toBe(1)
    await until(() => endsOf(path, from).length === 2)
    expect(endsOf(path, from).map((e) => e.status)).toEqual([429, 200])
  })

  it('a 500 is retried and then streams', async () => {
    const from = ends.length
    const path = '/v1/messages'
    const stream = createStream({
      url: `${server.url}${path}?${knobs}`,
      body: endpoints[2].body,
      headers: firstTime({ 'x-mock-status': '500' }),
      retry: fastRetry,
    })
    expect(await stream.start()).toMatchObject({ status: 'done', text })
    await until(() => endsOf(path, from).length === 2)
    expect(endsOf(path, from).map((e) => e.status)).toEqual([500, 200])
  })

  it('a 401 is an http error with the status, sent once', async () => {
    const from = ends.length
    const path = '/v1/responses'
    const stream = createStream({
      url: `${server.url}${path}?${knobs}&status=401`,
      body: endpoints[1].body,
      retry: fastRetry,
    })
    const result = await stream.start()
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ kind: 'http', status: 401, retryable: false })
    await until(() => endsOf(path, from).length >= 1)
    expect(endsOf(path, from)).toHaveLength(1)
  })

  it.each([
    ['/v1/chat/completions', "Missing required parameter: 'messages'."],
    ['/v1/responses', "Missing required parameter: 'input'."],
    ['/v1/messages', 'messages: Field required'],
    ['/api/chat', 'messages is required'],
    ['/api/generate', 'prompt is required'],
  ] as const)(
    '%s: a bad request is a 400 with the provider message, sent once',
    async (path, message) => {
      const from = ends.length
      const result = await createStream({ url: `${server.url}${path}`, body: {} }).start()
      expect(result.error).toMatchObject({ kind: 'http', status: 400, retryable: false })
      expect(result.error?.message).toContain(message)
      await until(() => endsOf(path, from).length >= 1)
      expect(endsOf(path, from)).toHaveLength(1)
    },
  )

  it('a provider error event is a provider error keeping exactly the text shown', async () => {
    const stream = createStream({
      url: `${server.url}/chat?${knobs}&fault=provider-error-after:3&error=Overloaded`,
      body: { messages },
    })
    const result = await stream.start()
    expect(result.status).toBe('error')
    expect(result.error?.kind).toBe('provider')
    expect(result.text).toBe(tokens.slice(0, 3).join(''))
    expect(result.error?.partialText).toBe(result.text)
  })

  it('a malformed event is a parse error keeping the text', async () => {
    const stream = createStream({
      url: `${server.url}/v1/messages?${knobs}&fault=malformed-after:2`,
      body: endpoints[2].body,
    })
    const result = await stream.start()
    expect(result.error?.kind).toBe('parse')
    expect(result.text).toBe(tokens.slice(0, 2).join(''))
    expect(result.error?.partialText).toBe(result.text)
  })

  it('a hanging answer hits the idle timeout; the server sees the client leave; the retry completes', async () => {
    const from = ends.length
    const path = '/api/chat'
    const stream = createStream({
      url: `${server.url}${path}?${knobs}`,
      body: endpoints[3].body,
      headers: firstTime({ 'x-mock-fault': 'hang-after:3' }),
      timeout: { idle: 150 },
      retry: fastRetry,
    })
    const snapshots = recordSnapshots(stream)
    const result = await stream.start()
    expect(result).toMatchObject({ status: 'done', text })
    expect(snapshots.map((s) => s.status)).toContain('retrying')
    expect(await until(() => endsOf(path, from).length === 2)).toBe(true)
    expect(
      endsOf(path, from)
        .map((e) => e.reason)
        .sort(),
    ).toEqual(['client-closed', 'complete'])
  })

  it('a first token later than the first-byte timeout times out each attempt; the server sees each leave', async () => {
    const from = ends.length
    const stream = createStream({
      url: `${server.url}/chat?text=late&ttft=2000`,
      body: { messages },
      timeout: { firstByte: 60 },
      retry: { retries: 1, baseDelay: 5, jitter: false },
    })
    const result = await stream.start()
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ kind: 'timeout', retryable: true, partialText: '' })
    expect(result.metrics.retries).toBe(1)
    expect(await until(() => endsOf('/chat', from).length === 2)).toBe(true)
    expect(endsOf('/chat', from).map((e) => e.reason)).toEqual(['client-closed', 'client-closed'])
  })

  it('stop() while streaming: aborted with the text kept, and the server stops generating', async () => {
    const from = ends.length
    const path = '/v1/chat/completions'
    const long = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ')
    const stream = createStream({
      url: `${server.url}${path}?text=${encodeURIComponent(long)}&delay=15`,
      body: endpoints[0].body,
    })
    const settled = stream.start()
    expect(await until(() => stream.getSnapshot().metrics.tokens >= 3)).toBe(true)
    stream.stop()
    const result = await settled
    const shown = stream.getSnapshot().text
    expect(result.status).toBe('aborted')
    expect(result.text).toBe(shown)
    expect(long.startsWith(shown)).toBe(true)
    expect(shown.length).toBeGreaterThan(0)
    // The server notices the closed connection and ends the answer early.
    expect(await until(() => endsOf(path, from).length === 1)).toBe(true)
    const [end] = endsOf(path, from)
    expect(end!.reason).toBe('client-closed')
    const chunksAtClose = end!.chunks
    expect(chunksAtClose).toBeLessThan(200)
    // Nothing more is generated for nobody: no answer ends later, no request is made again.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(endsOf(path, from)).toHaveLength(1)
    expect(stream.getSnapshot().text).toBe(shown)
  })
})
