import { describe, expect, it } from 'vitest'
import { decodeResponse } from 'rivulet/core'
import { mockStream, recordStream, replayStream } from 'rivulet/mock'

const text = 'Chromium streams it too: héllo 👋 你好.'

async function decodeText(response: Response, format: Parameters<typeof decodeResponse>[1]) {
  let out = ''
  for await (const part of decodeResponse(response, format))
    if (part.type === 'text') out += part.text
  return out
}

describe('mockStream and cassettes in Chromium', () => {
  it('decodes every format back to the text with 1-byte chunks', async () => {
    for (const format of [
      'openai-chat',
      'openai-responses',
      'anthropic',
      'ollama',
      'sse-json',
      'ndjson',
      'text',
    ] as const) {
      expect(await decodeText(mockStream({ format, text, chunkSize: 1 }), format)).toBe(text)
    }
  })

  it('records a timed stream and replays it byte for byte, at speed 0 too', async () => {
    const { response, cassette } = recordStream(
      mockStream({ format: 'anthropic', text, tokenDelay: 5, chunkSize: [1, 7], seed: 2 }),
    )
    const original = new Uint8Array(await response.arrayBuffer())
    const recorded = await cassette
    expect(recorded.end).toBe('close')
    const replayed = new Uint8Array(await replayStream(recorded).arrayBuffer())
    expect(replayed).toEqual(original)
    const instant = new Uint8Array(await replayStream(recorded, { speed: 0 }).arrayBuffer())
    expect(instant).toEqual(original)
  })
})
