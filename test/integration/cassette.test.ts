import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStream, type StreamOptions } from 'rivulet/core'
import { recordStream, replayStream, type Cassette } from 'rivulet/mock'
import type { MockServer } from 'rivulet/mock/server'
import { startRecordingServer } from './server-harness.ts'

let server: MockServer
beforeAll(async () => {
  ;({ server } = await startRecordingServer())
})
afterAll(async () => {
  await server.close()
})

const text = 'A recorded answer — bytes, gaps and all: wörld 👋.'
const knobs = `text=${encodeURIComponent(text)}&ttft=2&delay=2&chunk=1-7&seed=11`
const body = {
  model: 'm',
  stream: true,
  stream_options: { include_usage: true },
  messages: [{ role: 'user', content: 'hi' }],
}

/** A fetch that records every response it passes on, as an app would to debug a stream. */
function recordingFetch() {
  const cassettes: Promise<Cassette>[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const { response, cassette } = recordStream(await globalThis.fetch(input, init))
    cassettes.push(cassette)
    return response
  }
  return { fetch: fetch as typeof globalThis.fetch, cassettes }
}

/** The cassette as it would come back from a JSON file. */
const throughJson = async (cassette: Promise<Cassette>) =>
  JSON.parse(JSON.stringify(await cassette)) as Cassette

describe('record a real stream, replay it into createStream', () => {
  it('a recorded answer replays at speed 0 to the same text, finish, usage and bytes', async () => {
    const recorder = recordingFetch()
    const options: StreamOptions = {
      url: `${server.url}/v1/chat/completions?${knobs}`,
      body,
      fetch: recorder.fetch,
    }
    const live = await createStream(options).start()
    expect(live).toMatchObject({ status: 'done', text, finishReason: 'stop' })
    const cassette = await throughJson(recorder.cassettes[0]!)
    // The client stops reading at the terminator, so the recording may end there.
    expect(['close', 'cancel']).toContain(cassette.end)
    expect(cassette.chunks.length).toBeGreaterThan(3)

    const replayed = await createStream({
      url: 'http://replay.test/',
      fetch: async () => replayStream(cassette, { speed: 0 }),
    }).start()
    expect(replayed).toMatchObject({
      status: 'done',
      text,
      finishReason: live.finishReason,
      usage: live.usage,
    })
    expect(replayed.metrics.bytes).toBe(live.metrics.bytes)
    expect(replayed.metrics.tokens).toBe(live.metrics.tokens)
  })

  it('a recorded connection reset replays as the same failure, after the same text', async () => {
    const recorder = recordingFetch()
    const live = await createStream({
      url: `${server.url}/v1/messages?${knobs}&fault=network-after:4`,
      body: {
        model: 'claude',
        max_tokens: 64,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      },
      fetch: recorder.fetch,
      retry: false,
    }).start()
    expect(live.status).toBe('error')
    expect(live.error?.kind).toBe('network')
    expect(live.text.length).toBeGreaterThan(0)
    const cassette = await throughJson(recorder.cassettes[0]!)
    expect(cassette.end).toBe('error')

    for (const speed of [0, 4]) {
      const replayed = await createStream({
        url: 'http://replay.test/',
        fetch: async () => replayStream(cassette, { speed }),
        retry: false,
      }).start()
      expect(replayed.status).toBe('error')
      expect(replayed.error?.kind).toBe('network')
      expect(replayed.text).toBe(live.text)
      expect(replayed.error?.partialText).toBe(live.text)
    }
  })

  it('a recorded 429 replays as an http error with its Retry-After', async () => {
    const recorder = recordingFetch()
    const live = await createStream({
      url: `${server.url}/v1/chat/completions?status=429&retry-after=7`,
      body,
      fetch: recorder.fetch,
      retry: false,
    }).start()
    expect(live.error).toMatchObject({ kind: 'http', status: 429 })
    const cassette = await throughJson(recorder.cassettes[0]!)
    const replayed = await createStream({
      url: 'http://replay.test/',
      fetch: async () => replayStream(cassette, { speed: 0 }),
      retry: false,
    }).start()
    expect(replayed.error).toMatchObject({ kind: 'http', status: 429, retryAfter: 7000 })
    expect(replayed.error?.message).toBe(live.error?.message)
  })
})
