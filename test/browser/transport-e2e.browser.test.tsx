import { createRoot, type Root } from 'react-dom/client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { commands } from 'vitest/browser'
import type { ChatMessage, StreamFormat } from 'rivulet/core'
import { useChat, type UseChatOptions } from 'rivulet/react'
import type { StreamEndInfo } from 'rivulet/mock/server'
import type { TransportServers } from './transport-servers.ts'

// useChat in real Chromium, over the browser's own fetch, EventSource and WebSocket, against
// real servers on 127.0.0.1 (started in node by the commands in transport-servers.ts):
// rivulet-mock-server per provider format, and the example FastAPI backend.

interface BackendEvent {
  event: 'start' | 'token' | 'disconnect' | 'done'
  route: string
  prompt: string
  tokens?: number
  t: number
}

declare module 'vitest/browser' {
  interface BrowserCommands {
    startTransportServers: () => Promise<TransportServers>
    mockStreamEnds: (from: number) => Promise<{ count: number; ends: StreamEndInfo[] }>
    fastapiEvents: (prompt: string) => Promise<BackendEvent[]>
    stopTransportServers: () => Promise<void>
  }
}

let servers: TransportServers
beforeAll(async () => {
  servers = await commands.startTransportServers()
}, 30_000)
afterAll(async () => {
  await commands.stopTransportServers()
})

const transports = ['fetch', 'eventsource', 'websocket'] as const
type Transport = (typeof transports)[number]

type Wire = Pick<ChatMessage, 'role' | 'content'>
const wire = (messages: ChatMessage[]): Wire[] =>
  messages.map(({ role, content }) => ({ role, content }))

/** Each provider endpoint of the mock server, with the body its SDK would send. */
const formats: { format: StreamFormat; path: string; body: (m: ChatMessage[]) => unknown }[] = [
  {
    format: 'openai-chat',
    path: '/v1/chat/completions',
    body: (m) => ({ model: 'gpt-4o-mini', stream: true, messages: wire(m) }),
  },
  {
    format: 'openai-responses',
    path: '/v1/responses',
    body: (m) => ({ model: 'gpt-4o-mini', stream: true, input: wire(m) }),
  },
  {
    format: 'anthropic',
    path: '/v1/messages',
    body: (m) => ({ model: 'claude-x', max_tokens: 512, stream: true, messages: wire(m) }),
  },
  {
    format: 'ollama',
    path: '/api/chat',
    body: (m) => ({ model: 'llama3.2', messages: wire(m) }),
  },
]

/** Ollama's NDJSON is not an event stream: an EventSource cannot read it. */
const mockCases = transports.flatMap((transport) =>
  formats
    .filter((f) => transport !== 'eventsource' || f.format !== 'ollama')
    .map((f) => ({ ...f, transport })),
)

/** The FastAPI example's route per transport: POST /stream, GET /chat, the /ws socket. */
const fastapiRoutes: Record<Transport, { path: string; route: string }> = {
  fetch: { path: '/stream', route: '/stream' },
  eventsource: { path: '/chat', route: '/chat' },
  websocket: { path: '/ws', route: '/ws' },
}

/** A mounted component using useChat, with what the page showed. */
interface Mounted {
  chat: () => ReturnType<typeof useChat>
  /** Every text the answer element showed, in order. */
  shown: string[]
  answer: () => HTMLElement | null
  unmount: () => void
}

function mount(options: UseChatOptions): Mounted {
  const container = document.createElement('div')
  document.body.append(container)
  const root: Root = createRoot(container)
  let latest: ReturnType<typeof useChat> | undefined
  function Probe() {
    const chat = useChat(options)
    latest = chat
    const answer = chat.messages.findLast((m) => m.role === 'assistant')
    return (
      <p data-testid="answer" data-status={answer?.status ?? 'none'}>
        {answer?.content ?? ''}
      </p>
    )
  }
  root.render(<Probe />)
  const shown: string[] = []
  const observer = new MutationObserver(() => {
    const text = container.querySelector('[data-testid=answer]')?.textContent ?? ''
    if (shown.at(-1) !== text) shown.push(text)
  })
  observer.observe(container, { subtree: true, childList: true, characterData: true })
  let mounted = true
  return {
    chat: () => latest as ReturnType<typeof useChat>,
    shown,
    answer: () => container.querySelector<HTMLElement>('[data-testid=answer]'),
    unmount() {
      if (!mounted) return
      mounted = false
      observer.disconnect()
      root.unmount()
      container.remove()
    },
  }
}

async function mounted(options: UseChatOptions): Promise<Mounted> {
  const m = mount(options)
  await vi.waitFor(() => expect(m.answer()).not.toBeNull())
  return m
}

const statusOf = (m: Mounted) => m.answer()?.dataset.status
const textOf = (m: Mounted) => m.answer()?.textContent ?? ''
const waitStatus = (m: Mounted, status: string, timeout = 10_000) =>
  vi.waitFor(() => expect(statusOf(m)).toBe(status), { timeout, interval: 10 })
const waitText = (m: Mounted, words: number, timeout = 10_000) =>
  vi.waitFor(() => expect(textOf(m).split(' ').length).toBeGreaterThanOrEqual(words), {
    timeout,
    interval: 5,
  })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Tokens the servers generated after the client stopped or left, per case (for the note). */
const late: Record<string, number> = {}

const text = 'Streams over every transport, 👋 wörld: the **same** words, in order.'
const longText = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ')
/** Token delay (ms) where stop and unmount are measured: one token is a clear margin under load. */
const stopDelay = 50
const knobs = (t: string, delay: number) =>
  new URLSearchParams({ text: t, ttft: '5', delay: String(delay) }).toString()

function mockOptions(c: (typeof mockCases)[number], query: string): UseChatOptions {
  return {
    url: `${servers.mock}${c.path}?${query}`,
    format: c.format,
    transport: c.transport,
    body: c.body,
    retry: false,
  }
}

/** The mock server's report of the answer that ended after `from`, once it has ended. */
async function mockEndAfter(from: number, path: string): Promise<StreamEndInfo> {
  let found: StreamEndInfo | undefined
  await vi.waitFor(
    async () => {
      const { ends } = await commands.mockStreamEnds(from)
      // The answer, not a CORS preflight (OPTIONS, 204) to the same path.
      found = ends.find((e) => e.path === path && e.status === 200)
      expect(found).toBeDefined()
    },
    { timeout: 5000, interval: 20 },
  )
  return found as StreamEndInfo
}

describe('useChat in Chromium against rivulet-mock-server', () => {
  it.each(mockCases)(
    '$transport · $format: the answer streams and equals the script',
    { timeout: 20_000 },
    async (c) => {
      const m = await mounted(mockOptions(c, knobs(text, 15)))
      try {
        void m.chat().send('hello')
        await waitStatus(m, 'done')
        expect(textOf(m)).toBe(text)
        // Streamed: the page showed partial answers before the whole, each a prefix of it.
        const partial = m.shown.filter((s) => s !== '' && s !== text)
        expect(partial.length).toBeGreaterThan(0)
        for (const s of partial) expect(text.startsWith(s)).toBe(true)
      } finally {
        m.unmount()
      }
    },
  )

  it.each(mockCases)(
    '$transport · $format: stop keeps the partial text, and the server stops generating',
    // Timed against the server's clock: one more try on a machine too loaded to keep it.
    { timeout: 20_000, retry: 1 },
    async (c) => {
      const m = await mounted(mockOptions(c, knobs(longText, stopDelay)))
      try {
        const { count } = await commands.mockStreamEnds(0)
        void m.chat().send('stop me')
        await waitText(m, 4)
        const stoppedAt = Date.now()
        m.chat().stop()
        await waitStatus(m, 'aborted')
        const kept = textOf(m)
        expect(kept.length).toBeGreaterThan(0)
        expect(longText.startsWith(kept)).toBe(true)
        expect(kept).not.toBe(longText)
        const end = await mockEndAfter(count, c.path)
        expect(end.reason).toBe('client-closed')
        const after = end.writtenAt.filter((t) => t > stoppedAt).length
        late[`mock stop ${c.transport} ${c.format}`] = after
        expect(after).toBeLessThanOrEqual(1)
        await sleep(100)
        expect(textOf(m)).toBe(kept)
      } finally {
        m.unmount()
      }
    },
  )

  it('eventsource: a stream dropped mid-answer resumes with ?lastEventId, nothing lost or doubled', async () => {
    // The browser's own EventSource; the server drops the first answer after 3 tokens and
    // serves the resumed request (the one that names the last event id) whole.
    const urls: URL[] = []
    class OnceDropping extends EventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        const asked = new URL(url)
        urls.push(asked)
        if (asked.searchParams.has('lastEventId')) asked.searchParams.delete('fault')
        super(asked, init)
      }
    }
    const c = mockCases.find((x) => x.transport === 'eventsource' && x.format === 'anthropic')!
    const m = await mounted({
      ...mockOptions(c, `${knobs(text, 10)}&ids=1&fault=drop-after:3`),
      EventSource: OnceDropping,
      retry: { retries: 2, baseDelay: 10, maxDelay: 10, jitter: false },
    })
    try {
      void m.chat().send('resume')
      await waitStatus(m, 'done')
      expect(textOf(m)).toBe(text)
      expect(urls).toHaveLength(2)
      expect(urls[1]?.searchParams.get('lastEventId')).toMatch(/^\d+$/)
      for (const s of m.shown) expect(text.startsWith(s)).toBe(true)
    } finally {
      m.unmount()
    }
  })

  it.each(transports)(
    '%s: unmounting mid-answer ends the generation on the server',
    // Timed against the server's clock: one more try on a machine too loaded to keep it.
    { timeout: 20_000, retry: 1 },
    async (transport) => {
      const c = mockCases.find((x) => x.transport === transport && x.format === 'openai-chat')!
      const m = await mounted(mockOptions(c, knobs(longText, stopDelay)))
      const { count } = await commands.mockStreamEnds(0)
      void m.chat().send('leave')
      await waitText(m, 4)
      const leftAt = Date.now()
      m.unmount()
      const end = await mockEndAfter(count, c.path)
      expect(end.reason).toBe('client-closed')
      const after = end.writtenAt.filter((t) => t > leftAt).length
      late[`mock unmount ${transport}`] = after
      expect(after).toBeLessThanOrEqual(1)
    },
  )
})

let unique = 0
const promptFor = (what: string) => `${what} in Chromium #${++unique}`

function fastapiOptions(transport: Transport): UseChatOptions {
  return {
    url: `${servers.fastapi}${fastapiRoutes[transport].path}`,
    format: 'sse-json',
    transport,
    retry: false,
  }
}

async function backendEvent(prompt: string, kind: BackendEvent['event']) {
  let found: BackendEvent | undefined
  await vi.waitFor(
    async () => {
      found = (await commands.fastapiEvents(prompt)).find((e) => e.event === kind)
      expect(found, `the backend logged ${kind}`).toBeDefined()
    },
    { timeout: 5000, interval: 20 },
  )
  return found as BackendEvent
}

describe('useChat in Chromium against the example FastAPI backend', () => {
  it.each(transports)(
    '%s: the answer streams, every token once',
    { timeout: 20_000 },
    async (transport) => {
      const prompt = promptFor('hello')
      const m = await mounted(fastapiOptions(transport))
      try {
        void m.chat().send(prompt)
        await waitStatus(m, 'done')
        const answer = textOf(m)
        expect(answer.startsWith(`You asked: ${prompt}.`)).toBe(true)
        expect(answer.split(' ')).toHaveLength(30)
        const done = await backendEvent(prompt, 'done')
        expect(done).toMatchObject({ route: fastapiRoutes[transport].route, tokens: 30 })
        expect(m.shown.filter((s) => s !== '' && s !== answer).length).toBeGreaterThan(0)
      } finally {
        m.unmount()
      }
    },
  )

  it.each(transports)(
    '%s: stop keeps the partial text, and the backend stops generating within one token',
    // Timed against the server's clock: one more try on a machine too loaded to keep it.
    { timeout: 20_000, retry: 1 },
    async (transport) => {
      const prompt = promptFor('stop')
      const m = await mounted(fastapiOptions(transport))
      try {
        void m.chat().send(prompt)
        await waitText(m, 6)
        const stoppedAt = Date.now()
        m.chat().stop()
        await waitStatus(m, 'aborted')
        const kept = textOf(m)
        expect(kept.startsWith(`You asked: ${prompt}.`.slice(0, kept.length))).toBe(true)
        await backendEvent(prompt, 'disconnect')
        const events = await commands.fastapiEvents(prompt)
        const after = events.filter((e) => e.event === 'token' && e.t > stoppedAt).length
        late[`fastapi stop ${transport}`] = after
        expect(after).toBeLessThanOrEqual(1)
        expect(events.some((e) => e.event === 'done')).toBe(false)
        expect(textOf(m)).toBe(kept)
      } finally {
        m.unmount()
      }
    },
  )

  it.each(transports)(
    '%s: unmounting mid-answer makes the backend stop generating within one token',
    // Timed against the server's clock: one more try on a machine too loaded to keep it.
    { timeout: 20_000, retry: 1 },
    async (transport) => {
      const prompt = promptFor('unmount')
      const m = await mounted(fastapiOptions(transport))
      void m.chat().send(prompt)
      await waitText(m, 6)
      const leftAt = Date.now()
      m.unmount()
      await backendEvent(prompt, 'disconnect')
      const events = await commands.fastapiEvents(prompt)
      const after = events.filter((e) => e.event === 'token' && e.t > leftAt).length
      late[`fastapi unmount ${transport}`] = after
      expect(after).toBeLessThanOrEqual(1)
      expect(events.some((e) => e.event === 'done')).toBe(false)
    },
  )

  afterAll(() => {
    console.info(`tokens generated after stop/unmount: ${JSON.stringify(late)}`)
  })
})
