import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStream } from 'rivulet/core'
import { scriptedFetch } from '../../helpers/scripted-fetch.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const answer = 'data: {"text":"back"}\n\n'

/** A server that refuses connections for `downMs` after the script starts, then answers. */
function restartingServer(downMs: number) {
  const t0 = Date.now()
  return scriptedFetch(() => (Date.now() - t0 < downMs ? { reject: true } : { body: [answer] }))
}

describe('the default retry policy', () => {
  // Math.random 0 gives the shortest jittered waits, 1 the longest.
  it.each([0, 0.5, 0.999])(
    'rides out a server that is down for two seconds (jitter draw %s)',
    async (draw) => {
      vi.spyOn(Math, 'random').mockReturnValue(draw)
      const server = restartingServer(2000)
      const stream = createStream({ url: '/chat', fetch: server.fetch, format: 'sse-json' })
      const settled = stream.start()
      await vi.runAllTimersAsync()
      const result = await settled
      expect(result).toMatchObject({ status: 'done', text: 'back' })
      expect(server.times).toHaveLength(3)
      expect(result.metrics.retries).toBe(2)
    },
  )

  it('still retries a blip within a second', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const server = restartingServer(1)
    const stream = createStream({ url: '/chat', fetch: server.fetch, format: 'sse-json' })
    const settled = stream.start()
    await vi.runAllTimersAsync()
    expect(await settled).toMatchObject({ status: 'done', text: 'back' })
    expect(server.times[1]).toBeLessThanOrEqual(1000)
  })

  it('gives up on a server down for longer than the waits add up to', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const server = restartingServer(5000)
    const stream = createStream({ url: '/chat', fetch: server.fetch, format: 'sse-json' })
    const settled = stream.start()
    await vi.runAllTimersAsync()
    const result = await settled
    expect(result.status).toBe('error')
    expect(result.error?.kind).toBe('network')
    expect(server.times.at(-1)).toBeLessThanOrEqual(4000)
  })
})
