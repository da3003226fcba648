import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createStream, type StreamOptions } from 'rivulet/core'
import { chatDone, chatEvent, scriptedFetch, type Step } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
})

const ok: Step = { body: [chatEvent('fine'), chatDone] }
const noJitter = { retries: 2, baseDelay: 100, jitter: false }

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
  return { ...script, stream }
}

describe('retry', () => {
  test('500 then success: retried after the backoff, text of the success', async () => {
    const { stream, times, requests } = setup([{ status: 500 }, ok])
    const seen = recordSnapshots(stream)
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect(await run).toMatchObject({ status: 'done', text: 'fine', metrics: { retries: 1 } })
    expect(requests).toHaveLength(2)
    expect(times).toEqual([0, 100])
    expect(seen.map((snapshot) => snapshot.status)).toContain('retrying')
  })

  test('401 is not retried', async () => {
    const { stream, requests } = setup([
      {
        status: 401,
        headers: { 'content-type': 'application/json' },
        body: ['{"error":{"message":"bad key"}}'],
      },
      ok,
    ])
    const run = stream.start()
    await vi.runAllTimersAsync()
    const result = await run
    expect(requests).toHaveLength(1)
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ kind: 'http', status: 401, retryable: false })
    expect(result.error!.message).toContain('bad key')
  })

  test.each([400, 403, 404])('%i is not retried', async (status) => {
    const { stream, requests } = setup([{ status }, ok])
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).error).toMatchObject({ kind: 'http', status })
    expect(requests).toHaveLength(1)
  })

  test.each([408, 429, 502, 503])('%i is retried', async (status) => {
    const { stream, requests } = setup([{ status }, ok])
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('done')
    expect(requests).toHaveLength(2)
  })

  test('429 with Retry-After in seconds waits at least that long', async () => {
    const { stream, times } = setup([{ status: 429, headers: { 'retry-after': '3' } }, ok])
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(2999)
    expect(times).toHaveLength(1)
    expect(stream.getSnapshot().status).toBe('retrying')
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('done')
    expect(times).toEqual([0, 3000])
  })

  test('429 with Retry-After as an HTTP date waits until that date', async () => {
    const at = new Date(Date.now() + 5000).toUTCString()
    const { stream, times } = setup([{ status: 429, headers: { 'retry-after': at } }, ok])
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('done')
    expect(times).toEqual([0, 5000])
  })

  test('retry-after-ms (OpenAI, Azure) is honoured in milliseconds', async () => {
    const { stream, times } = setup([{ status: 429, headers: { 'retry-after-ms': '1500' } }, ok])
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('done')
    expect(times).toEqual([0, 1500])
  })

  test('the 429 error carries retryAfter in ms when retries run out', async () => {
    const { stream } = setup([{ status: 429, headers: { 'retry-after': '7' } }], { retry: false })
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).error).toMatchObject({
      kind: 'http',
      status: 429,
      retryable: true,
      retryAfter: 7000,
    })
  })

  test('the SSE retry: field sets the floor of the next delay', async () => {
    const { stream, times } = setup([
      { body: ['retry: 2500\n\n', chatEvent('a')], end: 'error' },
      ok,
    ])
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('done')
    expect(times).toEqual([0, 2500])
  })

  test('backoff grows exponentially up to maxDelay', async () => {
    const { stream, times } = setup(
      [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, ok],
      { retry: { retries: 4, baseDelay: 100, factor: 3, maxDelay: 1000, jitter: false } },
    )
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('done')
    expect(times).toEqual([0, 100, 400, 1300, 2300])
  })

  test('jitter spreads each delay over [delay / 2, delay]', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const { stream, times } = setup([{ status: 503 }, ok], {
      retry: { retries: 1, baseDelay: 400 },
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    await run
    expect(times).toEqual([0, 300])
  })

  test('retries exhausted: the error keeps the text shown, as partialText', async () => {
    const drop: Step = { body: [chatEvent('part')], end: 'error' }
    const { stream, requests } = setup([drop, drop, drop], { resume: 'restart' })
    const onError = vi.fn()
    const s2 = createStream({
      url: '/api',
      format: 'openai-chat',
      fetch: scriptedFetch([drop, drop, drop]).fetch,
      retry: noJitter,
      onError,
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    const result = await run
    expect(requests).toHaveLength(3)
    expect(result.status).toBe('error')
    expect(result.text).toBe('part')
    expect(result.error).toMatchObject({ kind: 'network', partialText: 'part' })
    expect(stream.getSnapshot().error!.partialText).toBe(stream.getSnapshot().text)
    const run2 = s2.start()
    await vi.runAllTimersAsync()
    await run2
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]![0].partialText).toBe('part')
  })

  test('a truncated stream (no terminator) is retried', async () => {
    const { stream, requests } = setup([{ body: [chatEvent('x')] }, ok])
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect(await run).toMatchObject({ status: 'done', text: 'fine' })
    expect(requests).toHaveLength(2)
  })

  test('retry: false never retries; a number sets the count', async () => {
    const none = setup([{ status: 503 }, ok], { retry: false })
    const r1 = none.stream.start()
    await vi.runAllTimersAsync()
    expect((await r1).status).toBe('error')
    expect(none.requests).toHaveLength(1)
    const three = setup([{ status: 503 }, { status: 503 }, { status: 503 }, ok], { retry: 3 })
    const r2 = three.stream.start()
    await vi.runAllTimersAsync()
    expect((await r2).status).toBe('done')
    expect(three.requests).toHaveLength(4)
  })

  test('retryOn decides last', async () => {
    const retryOn = vi.fn(() => true)
    const { stream, requests } = setup([{ status: 401 }, ok], { retry: { ...noJitter, retryOn } })
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('done')
    expect(requests).toHaveLength(2)
    expect(retryOn).toHaveBeenCalledWith(expect.objectContaining({ status: 401 }), 1)
    const never = setup([{ status: 503 }, ok], { retry: { ...noJitter, retryOn: () => false } })
    const r2 = never.stream.start()
    await vi.runAllTimersAsync()
    expect((await r2).status).toBe('error')
    expect(never.requests).toHaveLength(1)
  })

  test('stop during the backoff wait ends at once with no further request', async () => {
    const { stream, requests } = setup([{ body: [chatEvent('kept')], end: 'error' }, ok])
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(10)
    expect(stream.getSnapshot().status).toBe('retrying')
    stream.stop()
    expect(stream.getSnapshot()).toMatchObject({ status: 'aborted', text: 'kept' })
    expect(await run).toMatchObject({ status: 'aborted', text: 'kept' })
    await vi.runAllTimersAsync()
    expect(requests).toHaveLength(1)
    expect(stream.getSnapshot().status).toBe('aborted')
  })

  test('stop is not an error: neither onError nor onFinish is called', async () => {
    const onError = vi.fn()
    const onFinish = vi.fn()
    const { stream } = setup([{ body: [chatEvent('x')], end: 'hang' }], { onError, onFinish })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(5)
    stream.stop()
    await run
    await vi.runAllTimersAsync()
    expect(onError).not.toHaveBeenCalled()
    expect(onFinish).not.toHaveBeenCalled()
  })

  test('stop while the body hangs aborts the request and keeps the text', async () => {
    const { stream, requests } = setup([{ body: [chatEvent('so far')], end: 'hang' }, ok])
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(10)
    expect(stream.getSnapshot()).toMatchObject({ status: 'streaming', text: 'so far' })
    stream.stop()
    expect(requests[0]!.aborted).toBe(true)
    expect(await run).toMatchObject({ status: 'aborted', text: 'so far' })
    await vi.runAllTimersAsync()
    expect(requests).toHaveLength(1)
    expect(stream.getSnapshot().error).toBeUndefined()
  })
})

describe('timeouts', () => {
  test('no response within firstByte counts as a dropped connection and is retried', async () => {
    const { stream, requests } = setup([{ headersDelay: 10_000 }, ok], {
      timeout: { firstByte: 1000 },
    })
    const seen = recordSnapshots(stream)
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(1000)
    expect(requests[0]!.aborted).toBe(true)
    await vi.runAllTimersAsync()
    expect(await run).toMatchObject({ status: 'done', text: 'fine' })
    expect(seen.map((snapshot) => snapshot.status)).toContain('retrying')
  })

  test('a silent body past idle is a timeout error that keeps the text', async () => {
    const hang: Step = { body: [chatEvent('a'), 50, chatEvent('b')], end: 'hang' }
    const { stream, requests } = setup([hang], { timeout: { idle: 200 }, retry: false })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(100)
    expect(stream.getSnapshot().text).toBe('ab')
    await vi.advanceTimersByTimeAsync(300)
    const result = await run
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ kind: 'timeout', retryable: true, partialText: 'ab' })
    expect(requests[0]!.aborted).toBe(true)
  })

  test('data arriving within idle keeps the stream alive', async () => {
    const slow: Step = {
      body: [chatEvent('a'), 150, chatEvent('b'), 150, chatEvent('c'), 150, chatDone],
    }
    const { stream } = setup([slow], { timeout: { idle: 200, firstByte: 100 }, retry: false })
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect(await run).toMatchObject({ status: 'done', text: 'abc' })
  })
})
