import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createChat, type StreamOptions, type StreamResult } from 'rivulet/core'
import {
  chatDone,
  chatEvent,
  scriptedFetch,
  scriptedStream,
  type Step,
} from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

// A throwing user callback is reported the way React reports an error thrown in an event
// handler outside its own work: rethrown in a microtask. The tests catch those rethrows here.
let rethrown: unknown[] = []
beforeEach(() => {
  vi.useFakeTimers()
  rethrown = []
  vi.stubGlobal('queueMicrotask', (task: () => void) => {
    try {
      task()
    } catch (error) {
      rethrown.push(error)
    }
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const ok: Step = { body: [chatEvent('Hel'), chatEvent('lo'), chatDone] }

function setup(steps: Step[], options: Partial<StreamOptions> = {}) {
  return scriptedStream(steps, { retry: { retries: 1, baseDelay: 10, jitter: false }, ...options })
}

async function finish(run: Promise<StreamResult>) {
  await vi.runAllTimersAsync()
  return run
}

describe('user callbacks that throw', () => {
  test('a throwing onPart neither stops nor changes the stream; the error is rethrown outside it', async () => {
    const boom = new Error('onPart bug')
    const { stream, requests } = setup([ok], {
      onPart() {
        throw boom
      },
    })
    const result = await finish(stream.start())
    expect(result).toMatchObject({ status: 'done', text: 'Hello' })
    expect(result.error).toBeUndefined()
    expect(requests).toHaveLength(1)
    expect(rethrown.length).toBeGreaterThan(0)
    expect(rethrown.every((e) => e === boom)).toBe(true)
  })

  test('a throwing onFinish leaves the stream done and the promise resolved', async () => {
    const boom = new Error('onFinish bug')
    const { stream } = setup([ok], {
      onFinish() {
        throw boom
      },
    })
    const result = await finish(stream.start())
    expect(result.status).toBe('done')
    expect(stream.getSnapshot()).toMatchObject({ status: 'done', text: 'Hello' })
    expect(rethrown).toEqual([boom])
  })

  test('a throwing onError leaves the error in the snapshot and the promise resolved', async () => {
    const boom = new Error('onError bug')
    const { stream } = setup([{ status: 401 }], {
      onError() {
        throw boom
      },
    })
    const result = await finish(stream.start())
    expect(result).toMatchObject({ status: 'error', error: { kind: 'http', status: 401 } })
    expect(stream.getSnapshot().error).toMatchObject({ kind: 'http', status: 401 })
    expect(rethrown).toEqual([boom])
  })

  test('a throwing subscriber does not break the stream nor keep other subscribers from hearing', async () => {
    const boom = new Error('listener bug')
    const { stream } = setup([ok])
    stream.subscribe(() => {
      throw boom
    })
    const snapshots = recordSnapshots(stream)
    const result = await finish(stream.start())
    const texts = snapshots.map((s) => s.text)
    expect(result).toMatchObject({ status: 'done', text: 'Hello' })
    expect(texts).toContain('Hel')
    expect(texts.at(-1)).toBe('Hello')
    expect(rethrown.length).toBeGreaterThan(0)
    expect(rethrown.every((e) => e === boom)).toBe(true)
  })
})

describe('commands called from inside callbacks', () => {
  test('start() from onFinish: the first run still resolves with its own done result', async () => {
    let second: Promise<StreamResult> | undefined
    const { stream } = setup([ok, { body: [chatEvent('again'), chatDone] }], {
      onFinish() {
        second ??= stream.start()
      },
    })
    expect(await finish(stream.start())).toMatchObject({ status: 'done', text: 'Hello' })
    expect(second).toBeDefined()
    expect(await finish(second!)).toMatchObject({ status: 'done', text: 'again' })
  })

  test('start() from a subscriber that sees done: the new run can still be stopped', async () => {
    const { stream, requests } = setup([ok, { body: [chatEvent('x')], end: 'hang' }])
    let second: Promise<StreamResult> | undefined
    stream.subscribe(() => {
      if (stream.getSnapshot().status === 'done' && !second) second = stream.start()
    })
    const first = stream.start()
    expect(await finish(first)).toMatchObject({ status: 'done', text: 'Hello' })
    await vi.advanceTimersByTimeAsync(10)
    expect(stream.getSnapshot()).toMatchObject({ status: 'streaming', text: 'x' })
    stream.stop()
    expect(stream.getSnapshot().status).toBe('aborted')
    expect(requests[1]!.aborted).toBe(true)
    expect(await second!).toMatchObject({ status: 'aborted', text: 'x' })
  })

  test('start() from onError: the failed run resolves with its error, the new one runs', async () => {
    let second: Promise<StreamResult> | undefined
    const { stream } = setup([{ status: 400 }, ok], {
      onError() {
        second ??= stream.start()
      },
    })
    const first = await finish(stream.start())
    expect(first).toMatchObject({ status: 'error', error: { status: 400 } })
    expect(await finish(second!)).toMatchObject({ status: 'done', text: 'Hello' })
  })

  test('stop() from a subscriber on the first text: aborted with that text, no further request', async () => {
    const { stream, requests } = setup([ok, ok])
    stream.subscribe(() => {
      if (stream.getSnapshot().text === 'Hel') stream.stop()
    })
    const result = await finish(stream.start())
    expect(result).toMatchObject({ status: 'aborted', text: 'Hel' })
    expect(requests).toHaveLength(1)
  })
})

describe('chat callbacks that throw', () => {
  test('a throwing chat subscriber or onFinish does not break the turn', async () => {
    const boom = new Error('chat listener bug')
    const chat = createChat({
      url: '/api',
      format: 'openai-chat',
      fetch: scriptedFetch([ok]).fetch,
      onFinish() {
        throw boom
      },
    })
    chat.subscribe(() => {
      throw boom
    })
    const sent = chat.send('hi')
    await vi.runAllTimersAsync()
    await expect(sent).resolves.toBeUndefined()
    const [user, answer] = chat.getSnapshot().messages
    expect(user).toMatchObject({ role: 'user', content: 'hi' })
    expect(answer).toMatchObject({ role: 'assistant', content: 'Hello', status: 'done' })
    expect(rethrown.length).toBeGreaterThan(1)
    expect(rethrown.every((e) => e === boom)).toBe(true)
  })
})

describe('user code inside the stream that throws', () => {
  test('a throwing transform ends the run in an error that keeps the text shown; start() never rejects', async () => {
    let calls = 0
    const { stream, requests } = setup([ok], {
      transform: {
        name: 'buggy',
        create: () => ({
          push(text: string) {
            if (++calls === 2) throw new Error('transform bug')
            return { text }
          },
          flush: () => ({ text: '' }),
        }),
      },
    })
    const result = await finish(stream.start())
    expect(result).toMatchObject({ status: 'error', text: 'Hel', error: { partialText: 'Hel' } })
    expect(result.error!.message).toContain('transform bug')
    expect(requests).toHaveLength(1)
  })
})
