import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { redact, thinkTags, type StreamOptions } from 'rivulet/core'
import { chatDone, chatEvent, scriptedStream, type Step } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function setup(steps: Step[], options: Partial<StreamOptions> = {}) {
  const scripted = scriptedStream(steps, {
    retry: { retries: 2, baseDelay: 10, jitter: false },
    ...options,
  })
  return { ...scripted, seen: recordSnapshots(scripted.stream) }
}

const events = (tokens: string[], gap = 0) =>
  tokens.flatMap((t) => (gap ? [chatEvent(t), gap] : [chatEvent(t)]))

describe("output: 'json'", () => {
  test('object is the partially parsed value as the text streams', async () => {
    const tokens = ['{"na', 'me":"Ad', 'a","tags":["x', '","y"]', ',"n":4', '2}']
    const { stream, seen } = setup([{ body: [...events(tokens, 10), chatDone] }], {
      output: 'json',
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    const result = await run
    expect(result.object).toEqual({ name: 'Ada', tags: ['x', 'y'], n: 42 })
    const objects = seen
      .filter((s) => s.status === 'streaming')
      .map((s) => JSON.stringify(s.object))
    expect(objects).toContain(JSON.stringify({ name: 'Ad' }))
    expect(objects).toContain(JSON.stringify({ name: 'Ada', tags: ['x'] }))
  })

  test('a restart without ids parses the new answer from scratch', async () => {
    const { stream } = setup(
      [
        { body: [chatEvent('{"a":"lo')], end: 'error' },
        { body: [chatEvent('{"a":"b"}'), chatDone] },
      ],
      { output: 'json' },
    )
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).object).toEqual({ a: 'b' })
  })
})

describe('transform', () => {
  test('thinkTags hides reasoning from the text and exposes it as reasoning', async () => {
    const tokens = ['<thi', 'nk>Let me', ' think.</th', 'ink>The answer', ' is 4.']
    const { stream, seen } = setup([{ body: [...events(tokens, 5), chatDone] }], {
      transform: thinkTags(),
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    const result = await run
    expect(result.text).toBe('The answer is 4.')
    expect(result.reasoning).toBe('Let me think.')
    expect(seen.every((s) => !s.text.includes('<') && !s.text.includes('think'))).toBe(true)
    expect(
      seen.some((s) => s.status === 'streaming' && s.reasoning === 'Let me' && s.text === ''),
    ).toBe(true)
  })

  test('redact hides a secret split over tokens and releases a held tail on finish', async () => {
    const tokens = ['key: s', 'k-AAA', 'BBB', ' end s']
    const { stream, seen } = setup([{ body: [...events(tokens, 5), chatDone] }], {
      transform: [redact(/sk-[A-Z]+/, '***')],
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).text).toBe('key: *** end s')
    expect(seen.every((s) => !s.text.includes('AAA'))).toBe(true)
  })

  test('a held-back tail is shown when the stream fails and the error carries it', async () => {
    const { stream } = setup([{ body: [chatEvent('abc <thi')], end: 'error' }], {
      transform: thinkTags(),
      retry: false,
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    const result = await run
    expect(result).toMatchObject({
      status: 'error',
      text: 'abc <thi',
      error: { partialText: 'abc <thi' },
    })
  })
})

describe('smooth', () => {
  test('text is released in word steps and everything arrives by the end', async () => {
    const { stream, seen } = setup(
      [{ body: [chatEvent('one two three four five six '), chatDone] }],
      {
        smooth: { chunking: 'word', delay: 10, maxLag: 1000 },
      },
    )
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(1)
    const texts = seen.map((s) => s.text)
    expect(texts).toContain('one ')
    await vi.runAllTimersAsync()
    expect((await run).text).toBe('one two three four five six ')
  })

  test('smoothing is off by default: a token shows whole at once', async () => {
    const { stream, seen } = setup([{ body: [chatEvent('one two three '), chatDone] }])
    const run = stream.start()
    await vi.runAllTimersAsync()
    await run
    expect(seen.filter((s) => s.text !== '').map((s) => s.text)[0]).toBe('one two three ')
  })

  test('finish flushes everything still held back', async () => {
    const { stream } = setup([{ body: [chatEvent('a b c d e f g h'), chatDone] }], {
      smooth: { chunking: 'char', delay: 100, maxLag: 100_000 },
    })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(5)
    const result = await run
    expect(result).toMatchObject({ status: 'done', text: 'a b c d e f g h' })
  })

  test('stop flushes everything held back: text is kept, not withheld', async () => {
    const { stream } = setup([{ body: [chatEvent('a b c d e f g h ')], end: 'hang' }], {
      smooth: { chunking: 'word', delay: 100, maxLag: 100_000 },
    })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(5)
    expect(stream.getSnapshot().text).toBe('a ')
    stream.stop()
    expect(stream.getSnapshot()).toMatchObject({ status: 'aborted', text: 'a b c d e f g h ' })
    await run
  })

  test('an error flushes everything held back and partialText equals the text shown', async () => {
    const { stream } = setup([{ body: [chatEvent('w1 w2 w3 w4 ')], end: 'error' }], {
      smooth: { chunking: 'word', delay: 100, maxLag: 100_000 },
      retry: false,
    })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(5)
    const result = await run
    expect(result.text).toBe('w1 w2 w3 w4 ')
    expect(result.error!.partialText).toBe(result.text)
  })

  test('resuming by Last-Event-ID with smoothing keeps every word exactly once', async () => {
    const { stream } = setup(
      [
        { body: [chatEvent('alpha beta ', 1), chatEvent('gamma ', 2)], end: 'error' },
        { body: [chatEvent('delta epsilon', 3), chatDone] },
      ],
      { smooth: { chunking: 'word', delay: 10, maxLag: 200 } },
    )
    const run = stream.start()
    await vi.runAllTimersAsync()
    expect((await run).text).toBe('alpha beta gamma delta epsilon')
  })
})
