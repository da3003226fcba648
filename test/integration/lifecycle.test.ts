import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStream, type StreamResult } from 'rivulet/core'
import { mockFormats, mockStream } from 'rivulet/mock'
import { byteLength, tokensOf } from './harness.ts'
import { mockAnswers } from '../helpers/mock-answers.ts'
import { scriptedFetch } from '../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

const first = 'Alpha answer: one two three four five six seven eight nine ten.'
const second = 'Beta answer, different words entirely — zwei drei vier.'
const fastRetry = { retries: 2, baseDelay: 10, jitter: false }

async function settle(promise: Promise<StreamResult>): Promise<StreamResult> {
  await vi.runAllTimersAsync()
  return promise
}

describe('controller lifecycle end to end', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('start() while streaming aborts the first answer; nothing of it shows up afterwards', async () => {
    const mock = scriptedFetch(
      mockAnswers((call) => ({
        format: 'openai-chat',
        text: call === 0 ? first : second,
        tokenDelay: 20,
      })),
    )
    const stream = createStream({ url: 'http://mock.test/', fetch: mock.fetch })
    const snapshots = recordSnapshots(stream)
    const one = stream.start({ n: 1 })
    await vi.advanceTimersByTimeAsync(20 * 3 + 5)
    expect(stream.getSnapshot().text).toBe(tokensOf(first).slice(0, 4).join(''))
    const cut = snapshots.length
    const two = stream.start({ n: 2 })
    const [a, b] = await Promise.all([one, settle(two)])
    expect(a.status).toBe('aborted')
    expect(b).toMatchObject({ status: 'done', text: second })
    expect(mock.requests[0]!.signal?.aborted).toBe(true)
    expect(mock.requests.map((r) => r.json)).toEqual([{ n: 1 }, { n: 2 }])
    // From the second start on, only prefixes of the second answer are shown.
    for (const s of snapshots.slice(cut)) expect(second.startsWith(s.text)).toBe(true)
    expect(b.metrics.chars).toBe(second.length)
    expect(b.metrics.tokens).toBe(tokensOf(second).length)
  })

  it('stop() then retry() sends the same request again and shows only the new answer', async () => {
    const mock = scriptedFetch(mockAnswers({ format: 'anthropic', text: first, tokenDelay: 20 }))
    const stream = createStream({ url: 'http://mock.test/', fetch: mock.fetch })
    const one = stream.start({ q: 'again' })
    await vi.advanceTimersByTimeAsync(45)
    stream.stop()
    expect((await one).status).toBe('aborted')
    const again = await settle(stream.retry())
    expect(again).toMatchObject({ status: 'done', text: first })
    expect(mock.requests.map((r) => r.json)).toEqual([{ q: 'again' }, { q: 'again' }])
    expect(again.metrics.retries).toBe(0)
  })

  it('reset() during a stream returns to idle and the late tokens are dropped', async () => {
    const mock = scriptedFetch(mockAnswers({ format: 'ollama', text: first, tokenDelay: 20 }))
    const stream = createStream({ url: 'http://mock.test/', fetch: mock.fetch })
    const one = stream.start()
    await vi.advanceTimersByTimeAsync(45)
    stream.reset()
    await vi.runAllTimersAsync()
    expect((await one).status).toBe('aborted')
    expect(stream.getSnapshot()).toMatchObject({ status: 'idle', text: '' })
  })

  it('counts exactly the body bytes the mock wrote', async () => {
    for (const format of ['openai-chat', 'openai-responses', 'anthropic', 'ollama'] as const) {
      const options = { format, text: first, tokenDelay: 3, seed: 9, now: 1_700_000_000_000 }
      const body = mockStream(options).arrayBuffer()
      await vi.runAllTimersAsync()
      const expected = (await body).byteLength
      const mock = scriptedFetch(mockAnswers(options))
      const stream = createStream({ url: 'http://mock.test/', fetch: mock.fetch })
      const result = await settle(stream.start())
      expect(result.metrics.bytes).toBe(expected)
      expect(expected).toBeGreaterThan(byteLength(first))
    }
  })

  it('an HTTP-date Retry-After is honoured as well as seconds', async () => {
    const mock = scriptedFetch(
      mockAnswers((call) =>
        call === 0
          ? {
              status: 503,
              headers: { 'retry-after': new Date(Date.now() + 5000).toUTCString() },
            }
          : { text: first },
      ),
    )
    const stream = createStream({ url: 'http://mock.test/', fetch: mock.fetch, retry: fastRetry })
    const result = await settle(stream.start())
    expect(result).toMatchObject({ status: 'done', text: first })
    // The date has whole seconds, so the wait is at least four of the five.
    expect(mock.requests[1]!.at - mock.requests[0]!.at).toBeGreaterThanOrEqual(4000)
  })

  it('the SSE retry: field sets the floor of the reconnection delay', async () => {
    const mock = scriptedFetch(
      mockAnswers([
        { format: 'openai-chat', text: first, retry: 1500, eventIds: true, fault: 'drop-after:3' },
        { format: 'openai-chat', text: first, eventIds: true },
      ]),
    )
    const stream = createStream({ url: 'http://mock.test/', fetch: mock.fetch, retry: fastRetry })
    const result = await settle(stream.start())
    expect(result).toMatchObject({ status: 'done', text: first })
    expect(mock.requests[1]!.headers.get('last-event-id')).toMatch(/^\d+$/)
    expect(mock.requests[1]!.at - mock.requests[0]!.at).toBeGreaterThanOrEqual(1500)
  })

  it("resume: 'restart' ignores the ids: no Last-Event-ID, the partial text is replaced", async () => {
    const mock = scriptedFetch(
      mockAnswers([
        { format: 'anthropic', text: first, eventIds: true, tokenDelay: 5, fault: 'drop-after:4' },
        { format: 'anthropic', text: first, eventIds: true, tokenDelay: 5 },
      ]),
    )
    const stream = createStream({
      url: 'http://mock.test/',
      fetch: mock.fetch,
      retry: fastRetry,
      resume: 'restart',
    })
    const snapshots = recordSnapshots(stream)
    const result = await settle(stream.start())
    expect(result).toMatchObject({ status: 'done', text: first })
    expect(mock.requests[1]!.headers.get('last-event-id')).toBeNull()
    for (const s of snapshots) expect(first.startsWith(s.text)).toBe(true)
    expect(result.metrics.tokens).toBe(4 + tokensOf(first).length)
  })

  it('resume: false does not reconnect a stream that showed text: truncated error, text kept', async () => {
    const mock = scriptedFetch(
      mockAnswers({ format: 'openai-chat', text: first, tokenDelay: 5, dropAfter: 4 }),
    )
    const stream = createStream({
      url: 'http://mock.test/',
      fetch: mock.fetch,
      retry: fastRetry,
      resume: false,
    })
    const result = await settle(stream.start())
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ kind: 'truncated' })
    expect(result.text).toBe(tokensOf(first).slice(0, 4).join(''))
    expect(result.error?.partialText).toBe(result.text)
    expect(mock.requests).toHaveLength(1)
  })

  it('callbacks: onPart sees every text part, onFinish the result, onError nothing', async () => {
    const parts: string[] = []
    const onFinish = vi.fn()
    const onError = vi.fn()
    const mock = scriptedFetch(
      mockAnswers({ format: 'openai-responses', text: first, tokenDelay: 2 }),
    )
    const stream = createStream({
      url: 'http://mock.test/',
      fetch: mock.fetch,
      onPart: (part) => {
        if (part.type === 'text') parts.push(part.text)
      },
      onFinish,
      onError,
    })
    const result = await settle(stream.start())
    expect(parts).toEqual(tokensOf(first))
    expect(onFinish).toHaveBeenCalledOnce()
    expect(onFinish.mock.calls[0]![0]).toMatchObject({ status: 'done', text: first })
    expect(onError).not.toHaveBeenCalled()
    expect(result.text).toBe(first)
  })
  it.each(mockFormats)(
    '%s: nothing keeps running once a stream settles, done or timed out',
    async (format) => {
      const ok = scriptedFetch(mockAnswers({ format, text: first, tokenDelay: 5 }))
      const done = createStream({
        url: 'http://mock.test/',
        fetch: ok.fetch,
        timeout: { firstByte: 1000, idle: 500 },
        smooth: { delay: 10 },
      })
      const settledOk = done.start()
      await vi.advanceTimersByTimeAsync(500)
      expect((await settledOk).status).toBe('done')
      expect(vi.getTimerCount()).toBe(0)

      const hang = scriptedFetch(
        mockAnswers({ format, text: first, tokenDelay: 5, fault: 'hang-after:2' }),
      )
      const timedOut = createStream({
        url: 'http://mock.test/',
        fetch: hang.fetch,
        timeout: { idle: 50 },
        retry: false,
        smooth: { delay: 10 },
      })
      const settledHang = timedOut.start()
      await vi.advanceTimersByTimeAsync(200)
      const result = await settledHang
      expect(result.error?.kind).toBe('timeout')
      expect(hang.requests[0]!.signal?.aborted).toBe(true)
      expect(vi.getTimerCount()).toBe(0)
    },
  )
})
