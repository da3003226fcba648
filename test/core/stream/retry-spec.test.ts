import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { StreamError, createChat, createStream, type StreamOptions } from 'rivulet/core'
import { initialSnapshot, reduceStream } from '../../../src/core/stream/stream-machine.ts'
import { chatDone, chatEvent, scriptedFetch, type Step } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const ok: Step = { body: [chatEvent('fine'), chatDone] }
const noJitter = { retries: 3, baseDelay: 100, factor: 2, jitter: false }

/** A stream over a scripted fetch, which records when (fake ms since start) each request went. */
function setup(steps: Step[], options: Partial<StreamOptions> = {}) {
  const script = scriptedFetch(steps)
  const stream = createStream({
    url: '/api',
    format: 'openai-chat',
    fetch: script.fetch,
    retry: noJitter,
    ...options,
  })
  const seen = recordSnapshots(stream)
  return { ...script, stream, seen }
}

async function finish(stream: ReturnType<typeof createStream>, input?: unknown) {
  const run = stream.start(input)
  await vi.runAllTimersAsync()
  return run
}

describe('why a stream is retrying (lastError)', () => {
  test('while retrying, lastError says why; error stays unset until a terminal failure', async () => {
    const { stream, seen } = setup([{ status: 503 }, ok])
    const result = await finish(stream)
    const retrying = seen.find((s) => s.status === 'retrying')!
    expect(retrying.lastError).toMatchObject({ kind: 'http', status: 503 })
    expect(retrying.error).toBeUndefined()
    expect(result).toMatchObject({ status: 'done', text: 'fine' })
    expect(result.error).toBeUndefined()
    // The cause of the retry stays visible after the retry succeeded.
    expect(result.lastError).toMatchObject({ kind: 'http', status: 503 })
  })

  test('a terminal failure sets error and lastError to the same error; start() clears both', async () => {
    const { stream } = setup([{ status: 503 }, { status: 401 }, ok])
    const failed = await finish(stream)
    expect(failed.error).toMatchObject({ status: 401 })
    expect(failed.lastError).toBe(failed.error)
    const run = stream.start()
    expect(stream.getSnapshot().lastError).toBeUndefined()
    expect(stream.getSnapshot().error).toBeUndefined()
    await vi.runAllTimersAsync()
    expect((await run).lastError).toBeUndefined()
  })

  test('the reducer sets lastError on a retryable fail and keeps the status invariant', () => {
    const error = new StreamError('timeout', 'No data for 100 ms')
    const streaming = reduceStream(reduceStream(initialSnapshot, { type: 'start' }), {
      type: 'parts',
      parts: [{ type: 'text', text: 'ab' }],
      at: 5,
      release: { text: 'ab', reasoning: '' },
    })
    const retrying = reduceStream(streaming, { type: 'fail', at: 9, error, retry: true })
    expect(retrying).toMatchObject({ status: 'retrying', text: 'ab' })
    expect(retrying.error).toBeUndefined()
    expect(retrying.lastError).toMatchObject({ kind: 'timeout', partialText: 'ab' })
    expect(reduceStream(retrying, { type: 'reset' }).lastError).toBeUndefined()
  })

  test('chat exposes the current answer’s lastError while it retries', async () => {
    const { fetch } = scriptedFetch([{ status: 429 }, ok])
    const chat = createChat({ url: '/api', format: 'openai-chat', fetch, retry: noJitter })
    const seen: (StreamError | undefined)[] = []
    chat.subscribe(() => {
      const s = chat.getSnapshot()
      if (s.status === 'retrying') seen.push(s.lastError)
    })
    const sent = chat.send('hi')
    await vi.runAllTimersAsync()
    await sent
    expect(seen[0]).toMatchObject({ kind: 'http', status: 429 })
  })
})

describe('reconnection delays (WHATWG reconnection time, RFC 9110 Retry-After)', () => {
  test('the SSE retry: field sets the reconnection time for every later reconnection', async () => {
    const drop = (text: string): Step => ({ body: [chatEvent(text)], end: 'error' })
    const { stream, times } = setup([
      { body: ['retry: 2000\n\n', chatEvent('a')], end: 'error' },
      drop('b'),
      drop('c'),
      ok,
    ])
    expect((await finish(stream)).status).toBe('done')
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(gaps).toEqual([2000, 2000, 2000])
  })

  test('a later retry: field replaces the earlier one', async () => {
    const { stream, times } = setup([
      { body: ['retry: 2000\n\n', chatEvent('a')], end: 'error' },
      { body: ['retry: 300\n\n', chatEvent('b')], end: 'error' },
      ok,
    ])
    await finish(stream)
    expect(times).toEqual([0, 2000, 2300])
  })

  test('backoff above the retry: time still applies (the server time is a floor)', async () => {
    const { stream, times } = setup(
      [{ body: ['retry: 50\n\n', chatEvent('a')], end: 'error' }, { status: 503 }, ok],
      { resume: 'restart' },
    )
    await finish(stream)
    expect(times).toEqual([0, 100, 300])
  })

  test('Retry-After larger than maxDelay is honoured: the cap limits backoff, not the server', async () => {
    const { stream, times } = setup([{ status: 503, headers: { 'retry-after': '30' } }, ok], {
      retry: { ...noJitter, maxDelay: 1000 },
    })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(29_999)
    expect(times).toEqual([0])
    expect(stream.getSnapshot().status).toBe('retrying')
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('done')
    expect(times).toEqual([0, 30_000])
  })

  test('Retry-After as an HTTP-date in the past means no wait beyond the backoff', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString()
    const { stream, times } = setup([{ status: 503, headers: { 'retry-after': past } }, ok])
    await finish(stream)
    expect(times).toEqual([0, 100])
  })

  test.each([
    ['IMF-fixdate', 'Thu, 01 Jan 2026 00:00:05 GMT'],
    ['RFC 850', 'Thursday, 01-Jan-26 00:00:05 GMT'],
    ['asctime', 'Thu Jan  1 00:00:05 2026'],
  ])(
    'Retry-After as an %s HTTP-date is read as GMT, whatever the local time zone',
    async (_, date) => {
      const tz = process.env.TZ
      process.env.TZ = 'America/New_York'
      try {
        const { stream, times } = setup([{ status: 503, headers: { 'retry-after': date } }, ok])
        await finish(stream)
        expect(times).toEqual([0, 5000])
      } finally {
        process.env.TZ = tz
        if (tz === undefined) delete process.env.TZ
      }
    },
  )

  test('a Retry-After that is neither seconds nor a date is ignored', async () => {
    const { stream, times } = setup([{ status: 503, headers: { 'retry-after': 'soon' } }, ok])
    await finish(stream)
    expect(times).toEqual([0, 100])
  })

  test('Retry-After applies only to the retry after its response, not to later ones', async () => {
    const { stream, times } = setup([
      { status: 503, headers: { 'retry-after': '2' } },
      { status: 503 },
      ok,
    ])
    await finish(stream)
    expect(times).toEqual([0, 2000, 2200])
  })

  test('jitter never lowers a delay below the server’s Retry-After', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const { stream, times } = setup([{ status: 429, headers: { 'retry-after': '1' } }, ok], {
      retry: { retries: 1, baseDelay: 4000, jitter: true },
    })
    await finish(stream)
    // jitter spreads 4000 over [2000, 4000]: with random() = 0 that is 2000, above the floor
    expect(times).toEqual([0, 2000])
    const low = setup([{ status: 429, headers: { 'retry-after': '3' } }, ok], {
      retry: { retries: 1, baseDelay: 4000, jitter: true },
    })
    await finish(low.stream)
    expect(low.times).toEqual([0, 3000])
  })
})

describe('commands during a run', () => {
  test('start(input) while retrying cancels the wait: the new request goes at once, the old never', async () => {
    const { stream, requests, times } = setup(
      [{ body: [chatEvent('old')], end: 'error' }, { body: [chatEvent('new'), chatDone] }],
      { retry: { retries: 2, baseDelay: 5000, jitter: false } },
    )
    const first = stream.start({ q: 1 })
    await vi.advanceTimersByTimeAsync(100)
    expect(stream.getSnapshot().status).toBe('retrying')
    const second = stream.start({ q: 2 })
    expect(await first).toMatchObject({ status: 'aborted', text: 'old' })
    await vi.runAllTimersAsync()
    expect(await second).toMatchObject({ status: 'done', text: 'new' })
    expect(requests).toHaveLength(2)
    expect(times).toEqual([0, 100])
    expect(requests[1]!.body).toBe('{"q":2}')
  })

  test('reset() while streaming aborts the request and returns to idle', async () => {
    const { stream, requests } = setup([{ body: [chatEvent('so far')], end: 'hang' }])
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(10)
    expect(stream.getSnapshot().status).toBe('streaming')
    stream.reset()
    expect(stream.getSnapshot()).toBe(initialSnapshot)
    expect(requests[0]!.aborted).toBe(true)
    expect(await run).toMatchObject({ status: 'aborted', text: 'so far' })
    await vi.runAllTimersAsync()
    expect(stream.getSnapshot()).toBe(initialSnapshot)
    expect(requests).toHaveLength(1)
  })

  test('reset() during the backoff wait: no request follows', async () => {
    const { stream, requests } = setup([{ status: 503 }, ok])
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(10)
    expect(stream.getSnapshot().status).toBe('retrying')
    stream.reset()
    expect((await run).status).toBe('aborted')
    await vi.runAllTimersAsync()
    expect(requests).toHaveLength(1)
    expect(stream.getSnapshot().status).toBe('idle')
  })

  test('the request signal is aborted with an AbortError reason on stop, start and reset', async () => {
    const hang: Step = { body: [chatEvent('x')], end: 'hang' }
    const { fetch, requests } = scriptedFetch([hang, hang, hang, hang])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    void stream.start()
    await vi.advanceTimersByTimeAsync(5)
    stream.stop()
    void stream.start()
    await vi.advanceTimersByTimeAsync(5)
    void stream.start()
    await vi.advanceTimersByTimeAsync(5)
    stream.reset()
    const reasons = requests.filter((r) => r.aborted).map((r) => r.signal?.reason)
    expect(reasons).toHaveLength(3)
    for (const reason of reasons) {
      expect(reason).toBeInstanceOf(DOMException)
      expect((reason as DOMException).name).toBe('AbortError')
    }
    expect(reasons.map((r) => (r as DOMException).message)).toEqual([
      'The stream was ended by stop()',
      'The stream was ended by start()',
      'The stream was ended by reset()',
    ])
  })
})

describe('no request after stop', () => {
  test('stop() while an async headers() is pending: the request is never sent', async () => {
    let release!: (headers: HeadersInit) => void
    const { fetch, requests } = scriptedFetch([ok])
    const stream = createStream({
      url: '/api',
      format: 'openai-chat',
      fetch,
      headers: () => new Promise<HeadersInit>((resolve) => (release = resolve)),
    })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(5)
    stream.stop()
    release({ authorization: 'Bearer fresh' })
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('aborted')
    expect(requests).toHaveLength(0)
  })

  test('start() again while an async headers() is pending: only the new request is sent', async () => {
    const pending: ((headers: HeadersInit) => void)[] = []
    const { fetch, requests } = scriptedFetch([ok, ok])
    const stream = createStream({
      url: '/api',
      format: 'openai-chat',
      fetch,
      headers: () => new Promise<HeadersInit>((resolve) => pending.push(resolve)),
    })
    const first = stream.start({ n: 1 })
    await vi.advanceTimersByTimeAsync(5)
    const second = stream.start({ n: 2 })
    await vi.advanceTimersByTimeAsync(5)
    for (const resolve of pending) resolve({})
    await vi.runAllTimersAsync()
    expect((await first).status).toBe('aborted')
    expect((await second).status).toBe('done')
    expect(requests.map((r) => r.body)).toEqual(['{"n":2}'])
  })
})
