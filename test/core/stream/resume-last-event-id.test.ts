import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createStream, thinkTags, type StreamOptions } from 'rivulet/core'
import { chatDone, chatEvent, scriptedStream, type Step } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const retry = { retries: 2, baseDelay: 10, jitter: false }

function setup(steps: Parameters<typeof scriptedStream>[0], options: Partial<StreamOptions> = {}) {
  const scripted = scriptedStream(steps, { retry, ...options })
  return { ...scripted, seen: recordSnapshots(scripted.stream) }
}

async function finish(stream: ReturnType<typeof createStream>, input?: unknown) {
  const run = stream.start(input)
  await vi.runAllTimersAsync()
  return run
}

describe('resume', () => {
  test('a drop mid-event resumes with Last-Event-ID and appends: the cut event arrives once', async () => {
    const cut = chatEvent('C', 3).slice(0, 20) // the third event, cut before its blank line
    const { stream, requests, seen } = setup([
      { body: [chatEvent('A', 1), chatEvent('B', 2), cut], end: 'error' },
      (req) => {
        expect(req.headers.get('last-event-id')).toBe('2')
        return { body: [chatEvent('C', 3), chatEvent('D', 4), chatDone] }
      },
    ])
    const result = await finish(stream, { q: 1 })
    expect(result).toMatchObject({ status: 'done', text: 'ABCD', metrics: { retries: 1 } })
    expect(requests).toHaveLength(2)
    expect(requests[1]!.headers.get('last-event-id')).toBe('2')
    expect(requests[1]!.body).toBe(requests[0]!.body)
    // The text never shrank: resuming appends.
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.text.startsWith(seen[i - 1]!.text) || seen[i]!.status === 'connecting').toBe(
        true,
      )
    }
    expect(seen.some((s) => s.status === 'retrying' && s.text === 'AB')).toBe(true)
  })

  test('without ids a drop restarts, and the new answer replaces the partial text', async () => {
    const { stream, requests, seen } = setup([
      { body: [chatEvent('Hel'), chatEvent('lo wo')], end: 'error' },
      { body: [chatEvent('Hel'), 5, chatEvent('lo world'), chatDone] },
    ])
    const result = await finish(stream)
    expect(result).toMatchObject({ status: 'done', text: 'Hello world' })
    expect(requests[1]!.headers.has('last-event-id')).toBe(false)
    // while waiting, the partial text stays on screen; it is replaced, never doubled
    expect(seen.some((s) => s.status === 'retrying' && s.text === 'Hello wo')).toBe(true)
    expect(seen.map((s) => s.text)).not.toContain('Hello woHel')
    expect(seen.map((s) => s.text)).toContain('Hel')
  })

  test("resume: 'restart' restarts even when the stream carried ids", async () => {
    const { stream, requests } = setup(
      [
        { body: [chatEvent('A', 1)], end: 'error' },
        { body: [chatEvent('A', 1), chatEvent('B', 2), chatDone] },
      ],
      { resume: 'restart' },
    )
    expect((await finish(stream)).text).toBe('AB')
    expect(requests[1]!.headers.has('last-event-id')).toBe(false)
  })

  test('resume: false keeps the text of a dropped stream as an error, without reconnecting', async () => {
    const { stream, requests } = setup(
      [{ body: [chatEvent('A', 1)], end: 'error' }, { body: [chatDone] }],
      { resume: false },
    )
    const result = await finish(stream)
    expect(result).toMatchObject({ status: 'error', text: 'A', error: { partialText: 'A' } })
    expect(requests).toHaveLength(1)
  })

  test('resume: false still retries a failure before any text', async () => {
    const { stream, requests } = setup([{ status: 503 }, { body: [chatEvent('ok'), chatDone] }], {
      resume: false,
    })
    expect((await finish(stream)).text).toBe('ok')
    expect(requests).toHaveLength(2)
  })

  test('a failed restart keeps the earlier text instead of blanking it', async () => {
    const { stream } = setup([{ body: [chatEvent('partial')], end: 'error' }, { status: 401 }])
    const result = await finish(stream)
    expect(result).toMatchObject({
      status: 'error',
      text: 'partial',
      error: { kind: 'http', partialText: 'partial' },
    })
  })

  test('each resume that made progress gets a fresh retry budget', async () => {
    const drop = (n: number): Step => ({ body: [chatEvent(String(n), n)], end: 'error' })
    const { stream, requests } = setup(
      [drop(1), drop(2), drop(3), drop(4), { body: [chatEvent('5', 5), chatDone] }],
      {
        retry: { retries: 1, baseDelay: 1, jitter: false },
      },
    )
    const result = await finish(stream)
    expect(result).toMatchObject({ status: 'done', text: '12345', metrics: { retries: 4 } })
    expect(requests.map((r) => r.headers.get('last-event-id'))).toEqual([null, '1', '2', '3', '4'])
  })

  test('an idle timeout mid-stream resumes with Last-Event-ID like a drop', async () => {
    const { stream, requests } = setup(
      [
        { body: [chatEvent('A', 1), chatEvent('B', 2)], end: 'hang' },
        { body: [chatEvent('C', 3), chatDone] },
      ],
      { timeout: { idle: 500 } },
    )
    const result = await finish(stream)
    expect(result).toMatchObject({ status: 'done', text: 'ABC' })
    expect(requests[0]!.aborted).toBe(true)
    expect(requests[1]!.headers.get('last-event-id')).toBe('2')
  })

  test('a transform keeps its state across a resume: a tag split by the drop is still hidden', async () => {
    const { stream } = setup(
      [
        { body: [chatEvent('<think>hmm</th', 1)], end: 'error' },
        { body: [chatEvent('ink>Yes.', 2), chatDone] },
      ],
      { transform: thinkTags() },
    )
    const result = await finish(stream)
    expect(result).toMatchObject({ text: 'Yes.', reasoning: 'hmm' })
  })

  test('a restart gives transforms a fresh start too', async () => {
    const { stream } = setup(
      [
        { body: [chatEvent('<think>hm')], end: 'error' },
        { body: [chatEvent('<think>ok</think>Fine.'), chatDone] },
      ],
      { transform: thinkTags() },
    )
    const result = await finish(stream)
    expect(result).toMatchObject({ text: 'Fine.', reasoning: 'ok' })
  })
})
