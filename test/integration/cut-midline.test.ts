import { describe, expect, it } from 'vitest'
import { createStream, type StreamFormat } from 'rivulet/core'
import { mockStream, type MockFormat } from 'rivulet/mock'
import { mockAnswers } from '../helpers/mock-answers.ts'
import { scriptedFetch } from '../helpers/scripted-fetch.ts'

const text = 'one two three'

/**
 * The first response is the whole mock answer cut `before` bytes ahead of the end of its first
 * line or event, closed cleanly; the second is the whole answer.
 */
async function cutThenWhole(format: MockFormat, decodeAs: StreamFormat, type: string) {
  const full = new Uint8Array(await mockStream({ format, text, seed: 1 }).arrayBuffer())
  const separator = type === 'text/event-stream' ? '\n\n' : '\n'
  const cut = new TextDecoder().decode(full).indexOf(separator) - 3
  const { fetch, requests } = scriptedFetch([
    { headers: { 'content-type': type }, body: [full.slice(0, cut)] },
    mockAnswers({ format, text, seed: 1 }),
  ])
  const result = await createStream({
    url: 'http://127.0.0.1/',
    fetch,
    format: decodeAs,
    retry: { retries: 1, baseDelay: 0, jitter: false },
  }).start()
  return { status: result.status, text: result.text, calls: requests.length }
}

describe('a connection that closes cleanly inside the first line or event is a truncation', () => {
  it.each([
    ['ollama', 'ollama', 'application/x-ndjson'],
    ['ollama', 'auto', 'application/x-ndjson'],
    ['openai-chat', 'openai-chat', 'text/event-stream'],
    ['openai-chat', 'auto', 'text/event-stream'],
    ['sse-json', 'sse-json', 'text/event-stream'],
    ['sse-json', 'auto', 'text/event-stream'],
  ] as const)(
    '%s decoded as %s retries and ends with the whole text',
    async (format, decodeAs, type) => {
      expect(await cutThenWhole(format, decodeAs, type)).toEqual({ status: 'done', text, calls: 2 })
    },
  )
})
