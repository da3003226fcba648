import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createChat, createStream, type StreamFormat } from 'rivulet/core'
import { chatDone, chatEvent, scriptedFetch, type Step } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A body that ignores the abort signal: it keeps producing, like a stuck proxy. */
function deaf(events: string[], gap: number): Step {
  return { deaf: true, body: [...events.flatMap((event) => [gap, event]), gap] }
}

describe('attempt epochs', () => {
  test('parts of a superseded attempt never reach the snapshot of the new one', async () => {
    const { fetch } = scriptedFetch([
      deaf([chatEvent('OLD1'), chatEvent('OLD2'), chatEvent('OLD3'), chatDone], 10),
      deaf([chatEvent('new'), chatDone], 25),
    ])
    const stream = createStream({ url: '/api', format: 'openai-chat', fetch })
    const seen = recordSnapshots(stream)
    const first = stream.start()
    await vi.advanceTimersByTimeAsync(12)
    expect(stream.getSnapshot().text).toBe('OLD1')
    const second = stream.start()
    await vi.runAllTimersAsync()
    expect((await second).text).toBe('new')
    expect((await first).status).toBe('aborted')
    const texts = seen.map((snapshot) => snapshot.text)
    const afterRestart = texts.slice(texts.lastIndexOf('') + 1)
    expect(afterRestart.length).toBeGreaterThan(0)
    expect(afterRestart.every((t) => t === 'new')).toBe(true)
  })

  test('stop() when nothing runs changes nothing', () => {
    const stream = createStream({ url: '/api', fetch: globalThis.fetch })
    const before = stream.getSnapshot()
    stream.stop()
    expect(stream.getSnapshot()).toBe(before)
  })

  test('an unknown format name throws at creation, naming the valid ones', () => {
    const format = 'openai' as StreamFormat
    expect(() => createStream({ url: '/api', format })).toThrowError(/"openai".*openai-chat/)
    expect(() => createChat({ url: '/api', format })).toThrowError(TypeError)
  })

  test('a throwing headers() function ends in an error result instead of a rejection', async () => {
    const stream = createStream({
      url: '/api',
      fetch: globalThis.fetch,
      headers: () => {
        throw new Error('no token')
      },
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    const result = await run
    expect(result.status).toBe('error')
    expect(result.error?.message).toContain('no token')
  })
})
