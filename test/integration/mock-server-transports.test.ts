import { EventSource } from 'eventsource'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { createStream, decodeResponse, type StreamOptions } from 'rivulet/core'
import type { MockServer, StreamEndInfo } from 'rivulet/mock/server'
import { startRecordingServer, until } from './server-harness.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

// rivulet-mock-server over the three transports, on real sockets of 127.0.0.1: the same
// endpoints, scripts, knobs and faults reach fetch, an EventSource (GET, the body in the
// query) and a WebSocket (the body as the first message).
let server: MockServer
let ends: StreamEndInfo[]

beforeAll(async () => {
  ;({ server, ends } = await startRecordingServer())
})
afterAll(async () => {
  await server.close()
})

const transportOptions = {
  fetch: {},
  eventsource: { transport: 'eventsource', EventSource },
  websocket: {
    transport: 'websocket',
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  },
} satisfies Record<string, Partial<StreamOptions>>
type Transport = keyof typeof transportOptions

const messages = [{ role: 'user', content: 'hi' }]
const endpoints = [
  ['/v1/chat/completions', 'openai-chat', { model: 'gpt-4o-mini', stream: true, messages }],
  ['/v1/responses', 'openai-responses', { model: 'gpt-4o-mini', stream: true, input: 'hi' }],
  ['/v1/messages', 'anthropic', { model: 'claude', max_tokens: 100, stream: true, messages }],
  ['/api/chat', 'ollama', { model: 'llama3.2', messages }],
  ['/chat', 'sse-json', { messages }],
] as const

const text = 'Over every transport, 👋 wörld: the same words.'
const knobs = `text=${encodeURIComponent(text)}&ttft=5&delay=3&chunk=1-6&seed=2`

const cases = (Object.keys(transportOptions) as Transport[]).flatMap((transport) =>
  endpoints
    // An EventSource reads only event streams: Ollama's NDJSON cannot travel over it.
    .filter(([, format]) => transport !== 'eventsource' || format !== 'ollama')
    .map(([path, format, body]) => ({ transport, path, format, body })),
)

function streamOf(
  transport: Transport,
  path: string,
  format: StreamOptions['format'],
  body: unknown,
  query = knobs,
  extra: Partial<StreamOptions> = {},
) {
  return createStream({
    ...transportOptions[transport],
    url: `${server.url}${path}?${query}`,
    method: 'POST',
    body,
    format,
    ...extra,
  })
}

/** Chunks the server wrote after the client's stop, per transport (for the note). */
const afterStop: Record<string, number> = {}
afterAll(() => {
  console.info(`mock server: chunks written after a client stop: ${JSON.stringify(afterStop)}`)
})

describe('rivulet-mock-server over fetch, EventSource and WebSocket', () => {
  it.each(cases)(
    '$transport $path ($format): the exact text, streamed',
    { timeout: 10_000 },
    async ({ transport, path, format, body }) => {
      const stream = streamOf(transport, path, format, body)
      const seen = new Set<string>()
      stream.subscribe(() => seen.add(stream.getSnapshot().text))
      const result = await stream.start()
      expect(result.error).toBeUndefined()
      expect(result.status).toBe('done')
      expect(result.text).toBe(text)
      // Streamed: some partial text was shown before the whole.
      expect([...seen].some((shown) => shown !== '' && shown !== text)).toBe(true)
      const end = ends.findLast((e) => e.path === path)
      expect(end?.transport).toBe(transport === 'websocket' ? 'websocket' : 'http')
    },
  )

  it('GET is an EventSource request: the body from the query, always streamed', async () => {
    const query = new URLSearchParams({
      messages: JSON.stringify(messages),
      model: 'gpt-4o-mini',
      text: 'by query',
    })
    const response = await fetch(`${server.url}/v1/chat/completions?${query}`)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    let out = ''
    for await (const part of decodeResponse(response, 'openai-chat'))
      if (part.type === 'text') out += part.text
    expect(out).toBe('by query')
  })

  it('resumes from ?lastEventId as from the Last-Event-ID header', async () => {
    const query = `messages=${encodeURIComponent(JSON.stringify(messages))}&${knobs}&ids=1`
    let lastId = ''
    let first = ''
    const dropped = await fetch(`${server.url}/v1/messages?${query}&fault=drop-after:4`)
    for await (const part of decodeResponse(dropped, 'anthropic', { onId: (id) => (lastId = id) }))
      if (part.type === 'text') first += part.text
    expect(lastId).not.toBe('')
    const rest = async (init: { param?: string; header?: string }) => {
      const url = `${server.url}/v1/messages?${query}${init.param ? `&lastEventId=${init.param}` : ''}`
      const response = await fetch(url, {
        headers: init.header ? { 'last-event-id': init.header } : {},
      })
      let out = ''
      for await (const part of decodeResponse(response, 'anthropic'))
        if (part.type === 'text') out += part.text
      return out
    }
    const byParam = await rest({ param: lastId })
    expect(first + byParam).toBe(text)
    expect(await rest({ header: lastId })).toBe(byParam)
    // The header wins over the parameter (a browser's own reconnect sends the header).
    expect(await rest({ header: lastId, param: '0' })).toBe(byParam)
  })

  it('an EventSource stream that drops mid-answer resumes with ?lastEventId, nothing lost or doubled', async () => {
    // The server drops the first answer after 3 tokens; the resumed request finds it well.
    const urls: URL[] = []
    class OnceDropping extends EventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        const asked = new URL(url)
        urls.push(asked)
        if (asked.searchParams.has('lastEventId')) asked.searchParams.delete('fault')
        super(asked, init)
      }
    }
    const stream = streamOf(
      'eventsource',
      '/v1/chat/completions',
      'openai-chat',
      { messages, stream: true },
      `${knobs}&ids=1&fault=drop-after:3`,
      { EventSource: OnceDropping as unknown as typeof globalThis.EventSource },
    )
    const snapshots = recordSnapshots(stream)
    const result = await stream.start()
    expect(result.error).toBeUndefined()
    expect(result.status).toBe('done')
    expect(result.text).toBe(text)
    expect(result.metrics.retries).toBe(1)
    expect(urls[1]?.searchParams.get('lastEventId')).toMatch(/^\d+$/)
    for (const { text: partial } of snapshots) expect(text.startsWith(partial)).toBe(true)
  })

  it('WebSocket: an HTTP error closes with 4000 + status, retried per policy', async () => {
    const stream = streamOf(
      'websocket',
      '/v1/chat/completions',
      'openai-chat',
      { messages, stream: true },
      `${knobs}&status=401`,
    )
    const result = await stream.start()
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ kind: 'http', status: 401 })
    expect(result.metrics.retries).toBe(0)
  })

  it('WebSocket: a network fault drops the connection (1006), a retryable network error', async () => {
    const before = ends.length
    const stream = streamOf(
      'websocket',
      '/api/chat',
      'ollama',
      { messages },
      `${knobs}&fault=network-after:3`,
      {
        retry: { retries: 1, baseDelay: 5, maxDelay: 5, jitter: false },
      },
    )
    const result = await stream.start()
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ kind: 'network', retryable: true })
    expect(result.metrics.retries).toBe(1)
    expect(ends.slice(before).map((e) => e.reason)).toEqual(['fault', 'fault'])
  })

  it.each(Object.keys(transportOptions) as Transport[])(
    '%s: stop() ends the generation on the server at once',
    { timeout: 10_000 },
    async (transport) => {
      const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ')
      const stream = streamOf(
        transport,
        '/v1/chat/completions',
        'openai-chat',
        { messages, stream: true },
        `text=${words}&ttft=0&delay=20`,
      )
      const before = ends.length
      const settled = stream.start()
      expect(await until(() => stream.getSnapshot().text.split(' ').length >= 5)).toBe(true)
      const stoppedAt = Date.now()
      stream.stop()
      expect((await settled).status).toBe('aborted')
      await vi.waitFor(() => expect(ends.length).toBeGreaterThan(before), { timeout: 2000 })
      const end = ends.at(-1)!
      expect(end.reason).toBe('client-closed')
      const late = end.writtenAt.filter((t) => t > stoppedAt).length
      afterStop[transport] = late
      expect(late).toBeLessThanOrEqual(1)
    },
  )
})
