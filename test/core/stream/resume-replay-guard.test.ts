import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createStream, type StreamOptions } from 'rivulet/core'
import { chatDone, chatEvent, scriptedStream } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

// WHATWG HTML §9.2.4: a server *should* use Last-Event-ID to resume; nothing makes it. A server
// that ignores it and replays the answer from the start must not double the text shown.

const retry = { retries: 3, baseDelay: 1, jitter: false }

function setup(steps: Parameters<typeof scriptedStream>[0], options: Partial<StreamOptions> = {}) {
  const scripted = scriptedStream(steps, { retry, ...options })
  return { ...scripted, seen: recordSnapshots(scripted.stream) }
}

describe('a server that ignores Last-Event-ID (scripted)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  async function finish(stream: ReturnType<typeof createStream>) {
    const run = stream.start()
    await vi.runAllTimersAsync()
    return run
  }

  const all = [chatEvent('A', 1), chatEvent('B', 2), chatEvent('C', 3), chatEvent('D', 4), chatDone]

  test('a replay from the start after a drop mid-event shows each token once', async () => {
    const { stream, requests, seen } = setup([
      {
        body: [chatEvent('A', 1), chatEvent('B', 2), chatEvent('C', 3).slice(0, 12)],
        end: 'error',
      },
      { body: all },
    ])
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ABCD' })
    expect(requests[1]!.headers.get('last-event-id')).toBe('2')
    expect(Math.max(...seen.map((s) => s.text.length))).toBe(4)
    // The replayed tokens are not counted as received text.
    expect(stream.getSnapshot().metrics.tokens).toBe(4)
  })

  test('a replay after every event arrived but the terminator: done with the text once', async () => {
    const { stream } = setup([
      {
        body: [chatEvent('A', 1), chatEvent('B', 2), chatEvent('C', 3), chatEvent('D', 4)],
        end: 'error',
      },
      { body: all },
    ])
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ABCD' })
  })

  test('a replayed message without an id line carries the previous id and is skipped too', async () => {
    const noId = (text: string) => chatEvent(text)
    const { stream } = setup([
      { body: [chatEvent('A', 1), noId('B'), chatEvent('C', 2).slice(0, 10)], end: 'error' },
      { body: [chatEvent('A', 1), noId('B'), chatEvent('C', 2), noId('D'), chatDone] },
    ])
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ABCD' })
  })

  test('a server that honours Last-Event-ID and sends no ids after it is appended, not skipped', async () => {
    const { stream } = setup([
      { body: [chatEvent('A', 1), chatEvent('B', 2)], end: 'error' },
      (req) => {
        expect(req.headers.get('last-event-id')).toBe('2')
        return { body: [chatEvent('C'), chatEvent('D'), chatDone] }
      },
    ])
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ABCD' })
  })

  test('a replay that drops again resumes from the last event delivered, not the last replayed', async () => {
    const { stream, requests } = setup([
      { body: [chatEvent('A', 1), chatEvent('B', 2), chatEvent('C', 3)], end: 'error' },
      { body: [chatEvent('A', 1), chatEvent('B', 2)], end: 'error' },
      { body: all },
    ])
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ABCD' })
    expect(requests.map((r) => r.headers.get('last-event-id'))).toEqual([null, '3', '3'])
  })

  test('a server that resumes inclusively (sends the Last-Event-ID event again) shows it once', async () => {
    const { stream } = setup([
      { body: [chatEvent('A', 1), chatEvent('B', 2)], end: 'error' },
      { body: [chatEvent('B', 2), chatEvent('C', 3), chatEvent('D', 4), chatDone] },
    ])
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ABCD' })
  })

  test('ids repeated within one response (no resume) are all delivered', async () => {
    const { stream } = setup([
      { body: [chatEvent('A', 1), chatEvent('B', 1), chatEvent('C', 1), chatDone] },
    ])
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ABC' })
  })
})
