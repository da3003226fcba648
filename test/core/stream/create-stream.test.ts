import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createStream, isStreamError, type StreamPart } from 'rivulet/core'
import { chatDone, chatEvent, scriptedFetch } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createStream', () => {
  test('streams text into the snapshot and resolves with the result', async () => {
    const { fetch, requests } = scriptedFetch([
      { body: [chatEvent('Hel'), 10, chatEvent('lo'), 10, chatDone] },
    ])
    const parts: StreamPart[] = []
    const onFinish = vi.fn()
    const stream = createStream({
      url: '/api',
      format: 'openai-chat',
      fetch,
      onFinish,
      onPart: (p) => parts.push(p),
    })
    const seen = recordSnapshots(stream)
    expect(stream.getSnapshot().status).toBe('idle')
    const run = stream.start({ prompt: 'hi' })
    expect(stream.getSnapshot().status).toBe('connecting')
    await vi.runAllTimersAsync()
    const result = await run
    expect(result).toMatchObject({ status: 'done', text: 'Hello' })
    expect(seen.map((s) => s.text)).toContain('Hel')
    expect(seen.some((s) => s.status === 'streaming' && s.text === 'Hel')).toBe(true)
    expect(parts.filter((p) => p.type === 'text')).toHaveLength(2)
    expect(parts.at(-1)?.type).toBe('finish')
    expect(onFinish).toHaveBeenCalledWith(
      expect.objectContaining({ text: 'Hello', status: 'done' }),
    )
    expect(requests[0]).toMatchObject({ method: 'POST', body: '{"prompt":"hi"}' })
    expect(requests[0]!.headers.get('content-type')).toBe('application/json')
  })

  test('getSnapshot returns the same object until something changes', async () => {
    const { fetch } = scriptedFetch([{ body: [chatEvent('a'), chatDone] }])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    const a = stream.getSnapshot()
    expect(stream.getSnapshot()).toBe(a)
    const run = stream.start()
    await vi.runAllTimersAsync()
    await run
    const b = stream.getSnapshot()
    expect(b).not.toBe(a)
    expect(stream.getSnapshot()).toBe(b)
    expect(Object.isFrozen(b)).toBe(true)
  })

  test('metrics are in the snapshot while the stream runs', async () => {
    const { fetch } = scriptedFetch([
      { headersDelay: 100, body: [chatEvent('one'), 200, chatEvent(' two'), 300, chatDone] },
    ])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(150)
    const mid = stream.getSnapshot()
    expect(mid.status).toBe('streaming')
    expect(mid.metrics).toMatchObject({ ttft: 100, tokens: 1, chars: 3, retries: 0 })
    expect(mid.metrics.bytes).toBeGreaterThan(0)
    await vi.runAllTimersAsync()
    const { metrics } = await run
    expect(metrics).toMatchObject({ ttft: 100, tokens: 2, chars: 7, duration: 600 })
    expect(metrics.tokensPerSecond).toBeCloseTo(2 / 0.5)
    expect(metrics.bytes).toBe(
      new TextEncoder().encode(chatEvent('one') + chatEvent(' two') + chatDone).length,
    )
  })

  test('start() aborts the running stream first and never rejects', async () => {
    const { fetch, requests } = scriptedFetch([
      { body: [chatEvent('first')], end: 'hang' },
      { body: [chatEvent('second'), chatDone] },
    ])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    const first = stream.start()
    await vi.advanceTimersByTimeAsync(1)
    expect(stream.getSnapshot().text).toBe('first')
    const second = stream.start()
    expect(requests[0]!.aborted).toBe(true)
    await vi.runAllTimersAsync()
    await expect(first).resolves.toMatchObject({ status: 'aborted', text: 'first' })
    await expect(second).resolves.toMatchObject({ status: 'done', text: 'second' })
  })

  test('a fetch that fails outright ends in a typed error after the retries', async () => {
    const { fetch, requests } = scriptedFetch([{ reject: true }, { reject: true }])
    const onError = vi.fn()
    const stream = createStream({
      url: '/api',
      format: 'openai-chat',
      fetch,
      onError,
      retry: { retries: 1, baseDelay: 10, jitter: false },
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    const result = await run
    expect(requests).toHaveLength(2)
    expect(result.status).toBe('error')
    expect(isStreamError(result.error)).toBe(true)
    expect(result.error).toMatchObject({ kind: 'network', retryable: true })
    expect(onError).toHaveBeenCalledWith(result.error)
  })

  test('GET without a body, headers from a function, and a body function of the input', async () => {
    const { fetch, requests } = scriptedFetch([{ body: [chatDone] }, { body: [chatDone] }])
    const get = createStream({
      url: '/api',
      format: 'openai-chat',
      fetch,
      headers: () => ({ authorization: 'Bearer t' }),
    })
    const run = get.start()
    await vi.runAllTimersAsync()
    await run
    expect(requests[0]).toMatchObject({ method: 'GET', body: undefined })
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer t')
    const post = createStream({
      url: '/api',
      format: 'openai-chat',
      fetch,
      body: (q: unknown) => ({ q }),
    })
    const run2 = post.start('x')
    await vi.runAllTimersAsync()
    await run2
    expect(requests[1]).toMatchObject({ method: 'POST', body: '{"q":"x"}' })
  })

  test('a missing url is a programming error with a hint', () => {
    expect(() => createStream({})).toThrow(/Did you mean/)
  })

  test('reset returns to the idle snapshot', async () => {
    const { fetch } = scriptedFetch([{ body: [chatEvent('a'), chatDone] }])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    const run = stream.start()
    await vi.runAllTimersAsync()
    await run
    stream.reset()
    expect(stream.getSnapshot()).toMatchObject({ status: 'idle', text: '' })
  })

  test('retry() restarts the last request with the same input', async () => {
    const { fetch, requests } = scriptedFetch([
      { status: 400 },
      { body: [chatEvent('ok'), chatDone] },
    ])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    const run = stream.start({ n: 1 })
    await vi.runAllTimersAsync()
    expect((await run).status).toBe('error')
    const again = stream.retry()
    await vi.runAllTimersAsync()
    expect(await again).toMatchObject({ status: 'done', text: 'ok' })
    expect(requests[1]!.body).toBe('{"n":1}')
  })
})
