import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockStream, recordStream, replayStream, type Cassette } from 'rivulet/mock'
import { readAll } from './read-all.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Reads a body to the end while fake time runs. */
async function drain(response: Response) {
  let result: Awaited<ReturnType<typeof readAll>> | undefined
  let failure: unknown
  const reading = readAll(response).then(
    (r) => (result = r),
    (e) => (failure = e),
  )
  for (let i = 0; i < 5000 && !result && !failure; i++) await vi.advanceTimersByTimeAsync(1)
  await reading
  if (failure) throw failure
  return result!
}

const source = () =>
  mockStream({
    format: 'anthropic',
    text: 'Récord 👋 and replay, byte for byte.',
    ttft: 50,
    tokenDelay: 20,
    jitter: 15,
    chunkSize: [1, 7],
    seed: 5,
    now: 0,
  })

describe('recordStream and replayStream', () => {
  it('hands the app the same bytes while it records the chunks with their arrival times', async () => {
    const expected = await drain(source())
    const { response, cassette } = recordStream(source(), { now: Date.now })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const seen = await drain(response)
    expect(seen.bytes).toEqual(expected.bytes)
    const recorded = await cassette
    expect(recorded).toMatchObject({ version: 1, status: 200, end: 'close' })
    expect(recorded.chunks.length).toBe(expected.chunks.length)
    expect(recorded.chunks.some((c) => c.base64 !== undefined)).toBe(true) // cut inside UTF-8
    expect(recorded.chunks[0]!.t).toBe(0)
    expect(recorded.chunks.at(-1)!.t).toBeGreaterThanOrEqual(50)
  })

  it('replays a JSON cassette chunk for chunk with the same gaps', async () => {
    const { response, cassette } = recordStream(source(), { now: Date.now })
    await drain(response)
    const original = JSON.parse(JSON.stringify(await cassette)) as Cassette
    const again = recordStream(replayStream(original), { now: Date.now })
    const replayed = await drain(again.response)
    const copy = await again.cassette
    expect(copy.status).toBe(original.status)
    expect(copy.headers).toEqual(original.headers)
    expect(copy.chunks.map((c) => c.text ?? c.base64)).toEqual(
      original.chunks.map((c) => c.text ?? c.base64),
    )
    copy.chunks.forEach((chunk, i) =>
      expect(Math.abs(chunk.t - original.chunks[i]!.t)).toBeLessThanOrEqual(1),
    )
    expect(replayed.text).toContain('event: message_stop')
  })

  it('replays at speed 0 at once, without a timer', async () => {
    const { response, cassette } = recordStream(source(), { now: Date.now })
    await drain(response)
    const recorded = await cassette
    const replay = replayStream(recorded, { speed: 0 })
    expect(vi.getTimerCount()).toBe(0)
    const { chunks } = await readAll(replay) // no fake time advanced
    expect(chunks.length).toBe(recorded.chunks.length)
  })

  it('divides every gap by the speed', async () => {
    const cassette: Cassette = {
      version: 1,
      status: 200,
      statusText: '',
      headers: [['content-type', 'text/plain']],
      chunks: [
        { t: 0, text: 'a' },
        { t: 100, text: 'b' },
        { t: 300, text: 'c' },
      ],
      end: 'close',
      duration: 300,
    }
    const again = recordStream(replayStream(cassette, { speed: 2 }), { now: Date.now })
    await drain(again.response)
    expect((await again.cassette).chunks.map((c) => c.t)).toEqual([0, 50, 150])
  })

  it('records a failed body and replays the failure after the same bytes', async () => {
    const failing = mockStream({ format: 'openai-chat', text: 'a b c d', fault: 'network-after:2' })
    const { response, cassette } = recordStream(failing, { now: Date.now })
    await expect(drain(response)).rejects.toThrow('network error')
    const recorded = await cassette
    expect(recorded.end).toBe('error')
    expect(recorded.error).toBe('network error')
    await expect(drain(replayStream(recorded))).rejects.toThrow('network error')
  })

  it('ends the recording and stops the source when the app cancels its copy', async () => {
    const { response, cassette } = recordStream(
      mockStream({ format: 'text', text: 'one two three four', tokenDelay: 100 }),
      { now: Date.now },
    )
    const reader = response.body!.getReader()
    await vi.advanceTimersByTimeAsync(1)
    expect((await reader.read()).done).toBe(false)
    await reader.cancel()
    expect(vi.getTimerCount()).toBe(0)
    const recorded = await cassette
    expect(recorded.end).toBe('cancel')
    expect(recorded.chunks.map((c) => c.text)).toEqual(['one'])
  })

  it('records an HTTP error response with its body', async () => {
    const { response, cassette } = recordStream(mockStream({ format: 'anthropic', status: 529 }), {
      now: Date.now,
    })
    expect(response.status).toBe(529)
    expect(await response.json()).toMatchObject({ error: { type: 'overloaded_error' } })
    const replay = replayStream(await cassette, { speed: 0 })
    expect(replay.status).toBe(529)
    expect(await replay.json()).toMatchObject({ type: 'error' })
  })

  it('throws a clear error for something that is not a response', () => {
    expect(() => recordStream('nope' as never)).toThrow(
      'recordStream: response must be a Response, got nope',
    )
    expect(() => recordStream(new Response('x'), { now: 5 as never })).toThrow(
      'recordStream: now must be a function returning ms, got 5',
    )
  })

  it('throws a clear error for a bad speed or cassette', () => {
    const empty: Cassette = {
      version: 1,
      status: 200,
      statusText: '',
      headers: [],
      chunks: [],
      end: 'close',
      duration: 0,
    }
    expect(() => replayStream(empty, { speed: -1 })).toThrow(
      'replayStream: speed must be a non-negative number, got -1',
    )
    expect(() => replayStream({ ...empty, chunks: 'x' } as never)).toThrow(
      'replayStream: cassette.chunks must be an array',
    )
    expect(() => replayStream({ ...empty, chunks: [{ t: 0 }] } as never)).toThrow(
      'replayStream: cassette.chunks[0] must be a chunk with text or base64',
    )
  })
})
