import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createStream, type StreamSnapshot } from 'rivulet/core'
import { chatDone, chatEvent, scriptedFetch } from '../../helpers/scripted-fetch.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

// Tokens arrive every `gap` ms, faster than one word per smoothing step: the smoother must
// speed up so that what it still holds when the stream ends (flushed at once) stays small.
describe('smoothing keeps its lag bounded, so the flush at the end is small', () => {
  test.each([
    { chunking: 'word' as const, gap: 2, count: 600 },
    { chunking: 'word' as const, gap: 10, count: 200 },
    { chunking: 'char' as const, gap: 1, count: 800 },
  ])('$chunking chunks, a token every $gap ms', async ({ chunking, gap, count }) => {
    const delay = 20
    const maxLag = 200
    const token = (i: number) => `w${i % 10}rd `
    const body: (string | number)[] = []
    for (let i = 0; i < count; i++) body.push(chatEvent(token(i)), gap)
    body.push(chatDone)
    const { fetch } = scriptedFetch([{ body }])
    const stream = createStream({
      url: '/api',
      format: 'openai-chat',
      fetch,
      retry: false,
      smooth: { chunking, delay, maxLag },
    })
    const t0 = Date.now()
    const seen: { at: number; snapshot: StreamSnapshot }[] = []
    stream.subscribe(() => seen.push({ at: Date.now() - t0, snapshot: stream.getSnapshot() }))
    const run = stream.start()
    await vi.runAllTimersAsync()
    const result = await run
    const full = Array.from({ length: count }, (_, i) => token(i)).join('')
    expect(result).toMatchObject({ status: 'done', text: full })

    // Received text over time, from the parts the snapshots counted.
    const received = (at: number) => {
      let chars = 0
      for (const s of seen) if (s.at <= at) chars = s.snapshot.metrics.chars
      return chars
    }
    // Everything received by `at - maxLag` is shown by `at` (a step may fall just after).
    for (const { at, snapshot } of seen) {
      if (snapshot.status !== 'streaming') continue
      expect(snapshot.text.length).toBeGreaterThanOrEqual(received(at - maxLag - delay))
    }
    // The flush at the end holds at most what arrived within the last maxLag (+ one step).
    const last = seen.findLastIndex((s) => s.snapshot.status === 'streaming')
    const flushed = result.text.length - seen[last]!.snapshot.text.length
    const perMs = token(0).length / gap
    expect(flushed).toBeLessThanOrEqual(Math.ceil((maxLag + delay) * perMs))
    // And it is paced: one visible change per `delay` at most, not one per token:
    const changes = seen.filter((s, i) => i > 0 && s.snapshot.text !== seen[i - 1]!.snapshot.text)
    // at most one release per step over the stream's life, and the final flush
    expect(changes.length).toBeLessThanOrEqual(Math.floor((count * gap) / delay) + 2)
  })
})
