import { describe, expect, it } from 'vitest'
import { createStream, type StreamResult } from 'rivulet/core'
import { mockStream, type MockStreamOptions } from 'rivulet/mock'
import { mockAnswers } from '../helpers/mock-answers.ts'
import { scriptedFetch } from '../helpers/scripted-fetch.ts'

const text = 'one two three'
/** The events of a whole mock answer, each with its blank line. */
async function eventsOf(options: MockStreamOptions): Promise<string[]> {
  const body = await mockStream(options).text()
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((event) => `${event}\n\n`)
}

/**
 * A stream whose first response is the first `cut` events of `first`, closed cleanly; every
 * later request is answered by `then` (continuing after its `Last-Event-ID`, if any).
 */
async function cutThenAnswer(
  first: MockStreamOptions,
  cut: number,
  then: MockStreamOptions,
): Promise<{ result: StreamResult; lastEventIds: (string | null)[] }> {
  const events = await eventsOf(first)
  const { fetch, requests } = scriptedFetch([
    { body: [events.slice(0, cut).join('')] },
    mockAnswers(then),
  ])
  const result = await createStream({
    url: 'http://127.0.0.1/',
    fetch,
    retry: { retries: 1, baseDelay: 1, jitter: false },
  }).start()
  return { result, lastEventIds: requests.map((r) => r.headers.get('last-event-id')) }
}

async function whole(options: MockStreamOptions): Promise<StreamResult> {
  return createStream({ url: 'http://127.0.0.1/', fetch: async () => mockStream(options) }).start()
}

describe('a resume by Last-Event-ID keeps what the provider sent before the drop', () => {
  it.each([
    ['openai-chat', 5, 'after the finish_reason chunk'],
    ['openai-chat', 6, 'after the usage chunk, before [DONE]'],
    ['anthropic', 4, 'after message_start and one token (input usage)'],
    ['anthropic', 8, 'after message_delta, before message_stop'],
  ] as const)(
    '%s dropped after event %i (%s) ends with the finish reason and usage of the whole answer',
    async (format, cut, _where) => {
      const options = { format, text, eventIds: true, seed: 1, now: 0, usage: { inputTokens: 9 } }
      const { result, lastEventIds } = await cutThenAnswer(options, cut, options)
      const expected = await whole(options)
      expect(lastEventIds).toEqual([null, String(cut)])
      expect(result.status).toBe('done')
      expect(result.text).toBe(text)
      expect(expected.finishReason).toBeDefined()
      expect(expected.usage?.inputTokens).toBe(9)
      expect(result.finishReason).toBe(expected.finishReason)
      expect(result.usage).toEqual(expected.usage)
    },
  )
})

describe('a restart without event ids starts the gathered metadata over', () => {
  it('takes the finish reason and usage of the restarted answer only, not of the dropped one', async () => {
    const dropped = {
      format: 'openai-chat',
      text,
      seed: 1,
      now: 0,
      finishReason: 'length',
    } as const
    const restarted = { ...dropped, finishReason: 'stop', usage: false } as const
    // The dropped answer got as far as its finish_reason and usage chunks, not [DONE].
    const { result, lastEventIds } = await cutThenAnswer(dropped, 6, restarted)
    expect(lastEventIds).toEqual([null, null])
    expect(result.status).toBe('done')
    expect(result.text).toBe(text)
    expect(result.finishReason).toBe('stop')
    expect(result.usage).toBeUndefined()
  })
})
