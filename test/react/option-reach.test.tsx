import { act, renderHook, waitFor } from '@testing-library/react'
import { version } from 'react'
import { describe, expect, it } from 'vitest'
import { isTerminal } from 'rivulet/core'
import type { ChatOptions, StreamOptions, TextTransform } from 'rivulet/core'
import { mockWebSocket } from 'rivulet/mock'
import { useChat, useStream } from 'rivulet/react'
import {
  chatDone,
  chatEvent,
  scriptedFetch,
  type RecordedRequest,
  type Step,
} from '../helpers/scripted-fetch.ts'

/**
 * Every option of `createStream` and `createChat` reaches the request when given to the hooks,
 * and from a later render than the first. The probe tables are typed over every key of the
 * options, so a new option does not compile until it has a probe; and each probe's check is
 * shown to fail without its option, so a hook that drops a key fails here.
 */

const answer: Step = { body: [chatEvent('Hello'), chatEvent(' world'), chatDone] }

/** What one run saw. */
interface Seen {
  requests: RecordedRequest[]
  /** Requests made through the probe's own `fetch`. */
  otherRequests: RecordedRequest[]
  eventSourceUrls: string[]
  socketUrls: string[]
  texts: string[]
  text: string
  status: string
  errorKind?: string
  object?: unknown
  calls: string[]
  messageIds: string[]
}

interface Env {
  otherFetch: typeof fetch
  EventSource: typeof EventSource
  WebSocket: typeof WebSocket
  log(name: string): () => void
}

interface Probe<O> {
  /** The option(s) under test; `env` gives fakes that record what reached them. */
  options(env: Env): Partial<O>
  /** Options given with and without the one under test (what it needs to have an effect). */
  given?: (env: Env) => Partial<O>
  /** Steps of the base fetch (default: one plain answer per request). */
  steps?: Step[]
  check(seen: Seen): void
}

const toolCallAnswer: Step = {
  body: [
    `data: ${JSON.stringify({
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              {
                index: 0,
                id: 'call_1',
                type: 'function',
                function: { name: 'weather', arguments: '{"city":"Oslo"}' },
              },
            ],
          },
        },
      ],
    })}\n\n`,
    `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] })}\n\n`,
    chatDone,
  ],
}

const upperCase: TextTransform = {
  name: 'upper',
  create: () => ({ push: (text) => ({ text: text.toUpperCase() }), flush: () => ({ text: '' }) }),
}

/** The probes for the options both hooks take (`body` and `onFinish` differ in shape). */
const shared: { [K in Exclude<keyof StreamOptions, 'body' | 'onFinish'>]-?: Probe<StreamOptions> } =
  {
    url: {
      options: () => ({ url: '/probe' }),
      check: (s) => expect(s.requests[0]?.url).toBe('/probe'),
    },
    method: {
      options: () => ({ method: 'PUT' }),
      check: (s) => expect(s.requests[0]?.method).toBe('PUT'),
    },
    headers: {
      options: () => ({ headers: () => ({ 'x-probe': 'yes' }) }),
      check: (s) => expect(s.requests[0]?.headers.get('x-probe')).toBe('yes'),
    },
    fetch: {
      options: (env) => ({ fetch: env.otherFetch }),
      check: (s) => expect([s.otherRequests.length, s.requests.length]).toEqual([1, 0]),
    },
    transport: {
      options: (env) => ({ transport: 'websocket', WebSocket: env.WebSocket }),
      check: (s) => expect([s.socketUrls.length, s.requests.length]).toEqual([1, 0]),
    },
    WebSocket: {
      given: () => ({ transport: 'websocket' }),
      options: (env) => ({ WebSocket: env.WebSocket }),
      check: (s) => expect(s.socketUrls).toHaveLength(1),
    },
    EventSource: {
      given: () => ({ transport: 'eventsource' }),
      options: (env) => ({ EventSource: env.EventSource }),
      check: (s) => expect(s.eventSourceUrls).toHaveLength(1),
    },
    credentials: {
      options: () => ({ credentials: 'include' }),
      check: (s) => expect(s.requests[0]?.credentials).toBe('include'),
    },
    format: {
      options: () => ({ format: 'text' }),
      check: (s) => expect(s.text).toContain('"content"'),
    },
    retry: {
      options: () => ({ retry: { retries: 1, baseDelay: 1, jitter: false } }),
      steps: [{ status: 503 }, answer],
      check: (s) => expect([s.requests.length, s.status]).toEqual([2, 'done']),
    },
    resume: {
      given: () => ({ retry: { retries: 1, baseDelay: 1, jitter: false } }),
      options: () => ({ resume: 'restart' }),
      steps: [{ body: [chatEvent('Hel', 1)], end: 'error' }, answer],
      check: (s) => {
        expect(s.requests).toHaveLength(2)
        expect(s.requests[1]?.headers.get('last-event-id')).toBeNull()
      },
    },
    timeout: {
      options: () => ({ timeout: { firstByte: 20 } }),
      steps: [{ ...answer, headersDelay: 400 }],
      check: (s) => expect(s.errorKind).toBe('timeout'),
    },
    maxEventSize: {
      options: () => ({ maxEventSize: 16 }),
      check: (s) => expect(s.errorKind).toBe('parse'),
    },
    smooth: {
      // Releases 30 ms apart while the server pauses (at the end the rest shows at once), so
      // even React 18's batching renders some of them.
      options: () => ({ smooth: { chunking: 'char', delay: 30 } }),
      steps: [{ body: [chatEvent('Hello'), 300, chatEvent(' world'), chatDone] }],
      // A text no token ends at: released a character at a time.
      check: (s) =>
        expect(s.texts.some((t) => t !== '' && t !== 'Hello' && 'Hello'.startsWith(t))).toBe(true),
    },
    output: {
      options: () => ({ output: 'json' }),
      steps: [{ body: [chatEvent('{"a":'), chatEvent('1}'), chatDone] }],
      check: (s) => expect(s.object).toEqual({ a: 1 }),
    },
    transform: {
      options: () => ({ transform: upperCase }),
      check: (s) => expect(s.text).toBe('HELLO WORLD'),
    },
    onPart: {
      options: (env) => ({ onPart: env.log('onPart') }),
      check: (s) => expect(s.calls).toContain('onPart'),
    },
    onError: {
      options: (env) => ({ onError: env.log('onError') }),
      steps: [{ status: 400 }],
      check: (s) => expect(s.calls).toContain('onError'),
    },
  }

const streamProbes: { [K in keyof StreamOptions]-?: Probe<StreamOptions> } = {
  ...shared,
  body: {
    options: () => ({ body: (input: unknown) => ({ probe: input }) }),
    check: (s) => expect(s.requests[0]?.json).toEqual({ probe: { q: 1 } }),
  },
  onFinish: {
    options: (env) => ({ onFinish: env.log('onFinish') }),
    check: (s) => expect(s.calls).toContain('onFinish'),
  },
}

let ids = 0
const chatProbes: { [K in keyof ChatOptions]-?: Probe<ChatOptions> } = {
  ...(shared as { [K in keyof typeof shared]: Probe<ChatOptions> }),
  body: {
    options: () => ({ body: (messages) => ({ probe: messages.length }) }),
    check: (s) => expect(s.requests[0]?.json).toEqual({ probe: 1 }),
  },
  onFinish: {
    options: (env) => ({ onFinish: env.log('onFinish') }),
    check: (s) => expect(s.calls).toContain('onFinish'),
  },
  initialMessages: {
    options: () => ({ initialMessages: [{ id: 's', role: 'system', content: 'Be brief' }] }),
    check: (s) => expect(s.requests[0]?.body).toContain('Be brief'),
  },
  generateId: {
    options: () => ({ generateId: () => `probe-${++ids}` }),
    check: (s) => expect(s.messageIds.every((id) => id.startsWith('probe-'))).toBe(true),
  },
  onToolCall: {
    options: () => ({ onToolCall: () => ({ temperature: 7 }) }),
    steps: [toolCallAnswer, answer],
    check: (s) => expect(s.requests).toHaveLength(2),
  },
  maxSteps: {
    given: () => ({ onToolCall: () => ({ temperature: 7 }) }),
    options: () => ({ maxSteps: 1 }),
    steps: [toolCallAnswer, answer],
    check: (s) => expect(s.requests).toHaveLength(1),
  },
}

/** Fakes for one run, each recording what reached it. */
function environment() {
  const base = scriptedFetch([answer, answer, answer])
  const other = scriptedFetch([answer])
  const calls: string[] = []
  const eventSourceUrls: string[] = []
  class FakeEventSource extends EventTarget {
    readyState = 0
    constructor(url: string) {
      super()
      eventSourceUrls.push(url)
      setTimeout(() => {
        this.readyState = 1
        this.dispatchEvent(new Event('open'))
        const data = JSON.stringify({ choices: [{ delta: { content: 'Hi' } }] })
        this.dispatchEvent(new MessageEvent('message', { data }))
        this.dispatchEvent(new MessageEvent('message', { data: '[DONE]' }))
      }, 0)
    }
    close() {
      this.readyState = 2
    }
  }
  const WebSocket = mockWebSocket({ format: 'openai-chat', text: 'Hi there', tokenDelay: 0 })
  const env: Env = {
    otherFetch: other.fetch,
    EventSource: FakeEventSource as unknown as typeof EventSource,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    log: (name) => () => void calls.push(name),
  }
  const seen = (texts: string[]): Omit<Seen, 'text' | 'status' | 'messageIds'> => ({
    requests: base.requests,
    otherRequests: other.requests,
    eventSourceUrls,
    socketUrls: WebSocket.connections.map((c) => c.url),
    texts,
    calls,
  })
  return { base, env, seen }
}

const first = (fetch: typeof globalThis.fetch) => ({
  url: '/base',
  fetch,
  format: 'openai-chat' as const,
  retry: false as const,
  throttle: false as const,
})

/** Runs `useStream` with the probe's options, or (no probe) with only what it is `given`. */
async function runStream(
  probe: Probe<StreamOptions> | undefined,
  steps?: Step[],
  given?: Probe<StreamOptions>['given'],
): Promise<Seen> {
  const { base, env, seen } = environment()
  const fetch = steps ? scriptedFetch(steps) : base
  const texts: string[] = []
  const { result, rerender } = renderHook(
    (options: Partial<StreamOptions>) => {
      const stream = useStream({ ...first(fetch.fetch), ...options })
      texts.push(stream.text)
      return stream
    },
    { initialProps: {} },
  )
  // The option comes with a later render: the controller was made with the first one.
  rerender(probe ? { ...probe.given?.(env), ...probe.options(env) } : (given?.(env) ?? {}))
  await act(() => result.current.start({ q: 1 }))
  await waitFor(() => expect(isTerminal(result.current.status)).toBe(true))
  const s = result.current
  return {
    ...seen(texts),
    requests: fetch.requests,
    text: s.text,
    status: s.status,
    errorKind: s.error?.kind,
    object: s.object,
    messageIds: [],
  }
}

async function runChat(
  probe: Probe<ChatOptions> | undefined,
  steps?: Step[],
  given?: Probe<ChatOptions>['given'],
): Promise<Seen> {
  const { base, env, seen } = environment()
  const fetch = steps ? scriptedFetch(steps) : base
  const texts: string[] = []
  const { result, rerender } = renderHook(
    (options: Partial<ChatOptions>) => {
      const chat = useChat({ ...first(fetch.fetch), ...options })
      texts.push(chat.messages.at(-1)?.content ?? '')
      return chat
    },
    { initialProps: {} },
  )
  rerender(probe ? { ...probe.given?.(env), ...probe.options(env) } : (given?.(env) ?? {}))
  // `initialMessages` counts on reset, as at creation.
  act(() => result.current.reset())
  await act(() => result.current.send('Hi'))
  await waitFor(() => expect(isTerminal(result.current.status)).toBe(true))
  const s = result.current
  const last = s.messages.at(-1)
  return {
    ...seen(texts),
    requests: fetch.requests,
    text: last?.content ?? '',
    status: s.status,
    errorKind: s.error?.kind,
    object: undefined,
    messageIds: s.messages.map((m) => m.id),
  }
}

function fails(check: () => void): boolean {
  try {
    check()
    return false
  } catch {
    return true
  }
}

// React 18 under Testing Library commits updates made outside act() only at the next act(),
// so the smoothed releases in between are never rendered there: React 19 proves `smooth`.
const unseen = (key: string) => key === 'smooth' && version.startsWith('18.')

describe('every option reaches the request from useStream', () => {
  it.each(Object.entries(streamProbes).filter(([key]) => !unseen(key)))(
    '%s',
    async (_key, probe) => {
      probe.check(await runStream(probe, probe.steps))
      // Without the option the check fails: it tells the option's effect apart.
      // (A run that throws, as a transport without its constructor does, shows nothing either.)
      const without = await runStream(undefined, probe.steps, probe.given).catch(() => undefined)
      expect(fails(() => probe.check(without!))).toBe(true)
    },
  )
})

describe('every option reaches the request from useChat', () => {
  // `output: 'json'` shows nothing in a chat (messages carry text, not the parsed value).
  it.each(Object.entries(chatProbes).filter(([key]) => key !== 'output' && !unseen(key)))(
    '%s',
    async (_key, probe) => {
      probe.check(await runChat(probe, probe.steps))
      const without = await runChat(undefined, probe.steps, probe.given).catch(() => undefined)
      expect(fails(() => probe.check(without!))).toBe(true)
    },
  )
})
