import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createStream } from 'rivulet/core'
import { chatDone, chatEvent, scriptedFetch } from '../../helpers/scripted-fetch.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('metrics', () => {
  test('ttft is measured from start(), across the failed attempts before it', async () => {
    const { fetch } = scriptedFetch([
      { status: 503, headersDelay: 50 },
      { headersDelay: 30, body: [chatEvent('a'), 100, chatEvent('b'), chatDone] },
    ])
    const stream = createStream({
      url: '/api',
      format: 'openai-chat',
      fetch,
      retry: { retries: 1, baseDelay: 100, jitter: false },
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    const { metrics } = await run
    // 50 ms to the 503, 100 ms backoff, 30 ms to the second response
    expect(metrics).toMatchObject({ ttft: 180, duration: 280, tokens: 2, retries: 1 })
    // tokens per second over the time from the first token to the end
    expect(metrics.tokensPerSecond).toBeCloseTo(2 / 0.1)
  })

  test('a stop ends the clock: duration and rate are those at the stop', async () => {
    const { fetch } = scriptedFetch([
      { body: [chatEvent('a'), 100, chatEvent('b'), 100, chatEvent('c')], end: 'hang' },
    ])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(250)
    stream.stop()
    const { metrics } = await run
    expect(metrics).toMatchObject({ ttft: 0, duration: 250, tokens: 3 })
    expect(metrics.tokensPerSecond).toBeCloseTo(3 / 0.25)
    await vi.advanceTimersByTimeAsync(1000)
    expect(stream.getSnapshot().metrics).toBe(metrics)
  })

  test('no rate before any time has passed after the first token (never Infinity)', async () => {
    const { fetch } = scriptedFetch([{ body: [chatEvent('all at once') + chatDone] }])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    const run = stream.start()
    await vi.runAllTimersAsync()
    const { metrics } = await run
    expect(metrics.tokens).toBe(1)
    expect(metrics.tokensPerSecond).toBeUndefined()
  })

  test('a run without text has no ttft', async () => {
    const { fetch } = scriptedFetch([{ body: [chatDone] }])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    const run = stream.start()
    await vi.runAllTimersAsync()
    const { metrics } = await run
    expect(metrics.ttft).toBeUndefined()
    expect(metrics.tokens).toBe(0)
    expect(metrics.duration).toBe(0)
  })
})
