import { EventSource } from 'eventsource'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createChat, createStream, type StreamOptions } from 'rivulet/core'
import { startFastApi, type FastApiBackend } from './fastapi-harness.ts'
import { until } from './server-harness.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

// The example backend the README points at, started with Debian's uvicorn on 127.0.0.1.
const words = 30
let backend: FastApiBackend

beforeAll(async () => {
  backend = await startFastApi({ TOKEN_DELAY: '0.03', FAKE_WORDS: String(words) })
}, 30_000)
afterAll(async () => {
  await backend?.close()
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

/** Each way to reach the backend: the route, how the prompt travels, and its transport. */
const routes: {
  name: string
  transport: Transport
  route: string
  options: (prompt: string) => Partial<StreamOptions>
}[] = [
  {
    name: 'POST /chat?prompt= over fetch',
    transport: 'fetch',
    route: '/chat',
    options: (prompt) => ({ url: `/chat?prompt=${encodeURIComponent(prompt)}`, method: 'POST' }),
  },
  {
    name: 'POST /stream over fetch',
    transport: 'fetch',
    route: '/stream',
    options: (prompt) => ({ url: '/stream', body: { prompt } }),
  },
  {
    name: 'GET /chat over EventSource',
    transport: 'eventsource',
    route: '/chat',
    options: (prompt) => ({ url: '/chat', body: { prompt } }),
  },
  {
    name: '/ws over WebSocket',
    transport: 'websocket',
    route: '/ws',
    options: (prompt) => ({ url: '/ws', body: { prompt } }),
  },
]

let unique = 0
/** A prompt no other test uses, so the backend's log lines can be told apart. */
const promptFor = (what: string) => `${what} #${++unique}`

function streamTo(
  route: (typeof routes)[number],
  prompt: string,
  extra: Partial<StreamOptions> = {},
) {
  const options = route.options(prompt)
  return createStream({
    ...transportOptions[route.transport],
    format: 'sse-json',
    ...options,
    ...extra,
    url: `${backend.url}${String(options.url)}`,
  })
}

/** Tokens the server generated after the client stopped, per transport (for the note). */
const afterStop: Record<string, number> = {}
/** How long the server was down and how many retries the client used to ride it out. */
const restarts: Record<string, { downFor: number; retries: number }> = {}

describe('the example FastAPI backend, over real sockets', () => {
  it.each(routes)(
    '$name: streams the whole answer, each token once',
    { timeout: 15_000 },
    async (route) => {
      const prompt = promptFor('hello')
      const stream = streamTo(route, prompt)
      const snapshots = recordSnapshots(stream)
      const result = await stream.start()
      expect(result.status).toBe('done')
      expect(result.text.startsWith(`You asked: ${prompt}.`)).toBe(true)
      expect(result.text.split(' ')).toHaveLength(words)
      const done = await backend.waitFor((e) => e.prompt === prompt && e.event === 'done')
      expect(done).toMatchObject({ route: route.route, tokens: words })
      // Every token the server generated arrived once, as its own part.
      expect(result.metrics.tokens).toBe(words)
      expect(snapshots.filter((s) => s.status === 'streaming').length).toBeGreaterThan(1)
    },
  )

  it.each(routes)(
    '$name: stop() ends the generation on the server within one token',
    { timeout: 15_000 },
    async (route) => {
      const prompt = promptFor('stop')
      const stream = streamTo(route, prompt)
      const settled = stream.start()
      expect(await until(() => stream.getSnapshot().metrics.tokens >= 5)).toBe(true)
      const stoppedAt = Date.now()
      stream.stop()
      expect((await settled).status).toBe('aborted')
      const gone = await backend.waitFor((e) => e.prompt === prompt && e.event === 'disconnect')
      expect(gone, 'the server logged the disconnect').toBeDefined()
      // Tokens the server generated after the moment of the stop (one clock: same machine).
      const late = backend
        .eventsOf(prompt)
        .filter((e) => e.event === 'token' && e.t > stoppedAt).length
      afterStop[route.name] = late
      expect(late).toBeLessThanOrEqual(1)
      expect(backend.eventsOf(prompt).some((e) => e.event === 'done')).toBe(false)
    },
  )

  // An EventSource cannot tell a dropped connection from the end of a stream (both are an
  // `error` event), and these routes mark no end (sse-json): over it, a kill is the end.
  it.each(routes.filter((r) => r.transport !== 'eventsource'))(
    '$name: a server killed mid-answer and restarted is retried by the default policy, nothing lost or doubled',
    // uvicorn's restart takes 0.7–1 s idle but over 2 s on a loaded machine, past what the
    // default policy promises to wait (2 s at least): one more try before calling it red.
    { timeout: 20_000, retry: 1 },
    async (route) => {
      const prompt = promptFor('restart')
      // The default retry policy: what an app gets without configuring anything.
      const stream = streamTo(route, prompt)
      const snapshots = recordSnapshots(stream)
      const settled = stream.start()
      expect(await until(() => stream.getSnapshot().metrics.tokens >= 5)).toBe(true)
      await backend.kill()
      const killedAt = Date.now()
      await backend.restart()
      const downFor = Date.now() - killedAt
      const result = await settled
      expect(result.status, `down for ${downFor} ms`).toBe('done')
      expect(result.text.startsWith(`You asked: ${prompt}.`)).toBe(true)
      expect(result.text.split(' ')).toHaveLength(words)
      expect(result.metrics.retries).toBeGreaterThanOrEqual(1)
      // A restart replaces the partial answer: no snapshot shows anything but a prefix of it.
      for (const shown of snapshots.map((s) => s.text)) {
        expect(result.text.startsWith(shown)).toBe(true)
      }
      const done = backend.eventsOf(prompt).filter((e) => e.event === 'done')
      expect(done).toHaveLength(1)
      restarts[route.name] = { downFor, retries: result.metrics.retries }
    },
  )

  it('createChat sends the conversation to POST /stream and shows the answer', async () => {
    const prompt = promptFor('chat')
    const chat = createChat({ url: `${backend.url}/stream`, format: 'sse-json' })
    await chat.send(prompt)
    const [user, assistant] = chat.getSnapshot().messages
    expect(user).toMatchObject({ role: 'user', content: prompt })
    expect(assistant?.status).toBe('done')
    expect(assistant?.content.startsWith(`You asked: ${prompt}.`)).toBe(true)
  })

  afterAll(() => {
    console.info(`tokens generated after a client stop: ${JSON.stringify(afterStop)}`)
    console.info(`restarts ridden out (ms down, retries used): ${JSON.stringify(restarts)}`)
  })
})
