import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { StreamPart, StreamSnapshot } from 'rivulet/core'
import { chatDone, chatEvent, scriptedStream } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

// The controller shows the parts of one chunk of the body in one snapshot; every part is still
// heard (onPart, metrics) in order, and a callback that stops the stream between two parts of a
// chunk keeps exactly the parts before it.

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const reasoningEvent = (text: string) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { reasoning_content: text } }] })}\n\n`

/** The text and reasoning a snapshot's message parts hold, to compare with its strings. */
function partsText(s: StreamSnapshot) {
  let text = ''
  let reasoning = ''
  for (const part of s.parts) {
    if (part.type === 'text') text += part.text
    if (part.type === 'reasoning') reasoning += part.text
  }
  return { text, reasoning }
}

describe('one snapshot per chunk', () => {
  test('the parts of a chunk are shown at once; every part is heard and counted', async () => {
    const heard: StreamPart[] = []
    const { stream } = scriptedStream(
      [{ body: [chatEvent('a') + chatEvent('b') + chatEvent('c'), chatEvent('d') + chatDone] }],
      { onPart: (part) => heard.push(part) },
    )
    const seen = recordSnapshots(stream)
    const result = stream.start()
    await vi.runAllTimersAsync()
    expect((await result).text).toBe('abcd')
    expect(seen.map((s) => [s.status, s.text, s.metrics.tokens, s.metrics.chars])).toEqual([
      ['connecting', '', 0, 0],
      ['streaming', 'abc', 3, 3],
      ['streaming', 'abcd', 4, 4],
      ['done', 'abcd', 4, 4],
    ])
    expect(heard.map((p) => (p.type === 'text' ? p.text : p.type))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'finish',
    ])
  })

  test('time to first token is the time of the chunk that brought it', async () => {
    const { stream } = scriptedStream([
      { body: [10, chatEvent('a') + chatEvent('b'), 30, chatEvent('c'), chatDone] },
    ])
    const result = stream.start()
    await vi.runAllTimersAsync()
    const { metrics } = await result
    expect(metrics.ttft).toBe(10)
    expect(metrics.tokens).toBe(3)
    expect(metrics.duration).toBe(40)
  })

  test('stop() from onPart inside a chunk keeps the parts before it, in one snapshot', async () => {
    let stop = () => {}
    const { stream } = scriptedStream(
      [{ body: [chatEvent('a') + chatEvent('b') + chatEvent('c') + chatDone] }],
      { onPart: (part) => part.type === 'text' && part.text === 'c' && stop() },
    )
    stop = () => stream.stop()
    const seen = recordSnapshots(stream)
    const result = stream.start()
    await vi.runAllTimersAsync()
    expect(await result).toMatchObject({ status: 'aborted', text: 'ab' })
    expect((await result).metrics.tokens).toBe(2)
    expect(seen.map((s) => [s.status, s.text, s.metrics.tokens])).toEqual([
      ['connecting', '', 0],
      ['aborted', 'ab', 2],
    ])
  })

  test('start() from onPart inside a chunk settles the first run with the parts before it', async () => {
    let restart = (): Promise<unknown> => Promise.resolve()
    let second: Promise<unknown> | undefined
    const { stream } = scriptedStream(
      [
        { body: [chatEvent('a') + chatEvent('b') + chatEvent('c') + chatDone] },
        { body: [chatEvent('x') + chatDone] },
      ],
      { onPart: (part) => part.type === 'text' && part.text === 'b' && (second ??= restart()) },
    )
    restart = () => stream.start()
    const first = stream.start()
    await vi.runAllTimersAsync()
    expect(await first).toMatchObject({ status: 'aborted', text: 'a' })
    expect(await second).toMatchObject({ status: 'done', text: 'x' })
    expect(stream.getSnapshot()).toMatchObject({ status: 'done', text: 'x' })
  })

  test('smoothed text released inside a chunk keeps the text and the parts in step', async () => {
    const { stream } = scriptedStream(
      [
        {
          body: [
            reasoningEvent('Think') +
              reasoningEvent('ing.') +
              chatEvent('Hello') +
              chatEvent(' wo'),
            20,
            chatEvent('rld') + reasoningEvent('More.') + chatEvent('!') + chatDone,
          ],
        },
      ],
      { smooth: { delay: 5, maxLag: 50 } },
    )
    const seen = recordSnapshots(stream)
    const result = stream.start()
    await vi.runAllTimersAsync()
    expect((await result).parts).toEqual([
      { type: 'reasoning', text: 'Thinking.' },
      { type: 'text', text: 'Hello world' },
      { type: 'reasoning', text: 'More.' },
      { type: 'text', text: '!' },
    ])
    for (const s of seen) {
      expect(partsText(s)).toEqual({ text: s.text, reasoning: s.reasoning ?? '' })
    }
    // The smoother released some text between the two chunks.
    expect(seen.some((s) => s.text !== '' && s.text !== 'Hello world!')).toBe(true)
  })
})
