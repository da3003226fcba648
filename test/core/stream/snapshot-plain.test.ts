import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { isStreamError, type StreamOptions, type StreamSnapshot } from 'rivulet/core'
import { chatDone, chatEvent, scriptedStream, type Step } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const delta = (value: object) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: value }] })}\n\n`
const reasoning = delta({ reasoning_content: 'Thinking it over.' })
const toolCall = delta({
  tool_calls: [
    { index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":' } },
  ],
})
const toolArgs = delta({ tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] })
const json = ['{"title":"Pla', 'n","steps":[{"n":1},', '{"n":2}],"done":tr', 'ue}']

/**
 * Walks `value` and fails on anything that is not plain data: a symbol key, an accessor, a
 * non-enumerable property, or a prototype other than Object's or Array's. A StreamError is
 * the one class instance a snapshot holds (an Error, with its brand), and is not walked.
 */
function expectPlain(value: unknown, path = 'snapshot'): void {
  if (typeof value !== 'object' || value === null || isStreamError(value)) return
  expect(Object.getOwnPropertySymbols(value), `${path}: symbol keys`).toEqual([])
  const proto = Object.getPrototypeOf(value)
  expect(proto === Object.prototype || proto === Array.prototype, `${path}: prototype`).toBe(true)
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (Array.isArray(value) && key === 'length') continue
    expect('value' in descriptor, `${path}.${key}: an accessor`).toBe(true)
    expect(descriptor.enumerable, `${path}.${key}: hidden`).toBe(true)
    expectPlain(descriptor.value, `${path}.${key}`)
  }
}

/** What a clone, a spread and JSON keep of `s` must equal `s` (errors compared by message). */
function expectCopiesEqual(s: StreamSnapshot) {
  const { error, lastError, ...data } = s
  expect(structuredClone(data)).toEqual(data)
  expect({ ...s }).toEqual(s)
  expect(Object.keys({ ...s })).toEqual(Object.keys(s))
  if (s.object !== undefined) {
    expect('object' in { ...s }).toBe(true)
    expect(JSON.parse(JSON.stringify(s.object))).toEqual(s.object)
  }
  for (const e of [error, lastError]) {
    if (e) expect(structuredClone(e).message).toBe(e.message)
  }
}

async function play(steps: Step[], options: Partial<StreamOptions>, stopAfter?: number) {
  const { stream } = scriptedStream(steps, {
    retry: { retries: 1, baseDelay: 10, jitter: false },
    ...options,
  })
  const seen = recordSnapshots(stream)
  const run = stream.start()
  if (stopAfter !== undefined) {
    await vi.advanceTimersByTimeAsync(stopAfter)
    stream.stop()
  }
  await vi.runAllTimersAsync()
  const result = await run
  return { seen: [...seen, stream.getSnapshot()], result }
}

const events = (tokens: string[]) => tokens.flatMap((t) => [chatEvent(t), 5])

const cases: [string, () => ReturnType<typeof play>][] = [
  [
    'text with reasoning and a tool call, done',
    () =>
      play(
        [{ body: [reasoning, 5, ...events(['Hello', ' there']), toolCall, toolArgs, chatDone] }],
        {},
      ),
  ],
  ["output: 'json', done", () => play([{ body: [...events(json), chatDone] }], { output: 'json' })],
  [
    "output: 'json', dropped, retried from the start, then failed for good",
    () =>
      play(
        [
          { body: events(json.slice(0, 2)), end: 'error' },
          { body: events(json.slice(0, 3)), end: 'error' },
        ],
        { output: 'json' },
      ),
  ],
  [
    "output: 'json', stopped mid-stream",
    () => play([{ body: [...events(json), 50, chatDone] }], { output: 'json' }, 12),
  ],
  [
    "output: 'json' with smoothing",
    () =>
      play([{ body: [...events(json), chatDone] }], {
        output: 'json',
        smooth: { chunking: 'char', delay: 2 },
      }),
  ],
]

describe('snapshots are plain objects', () => {
  test.each(cases)('%s: every snapshot, and the result', async (_, run) => {
    const { seen, result } = await run()
    expect(seen.length).toBeGreaterThan(2)
    for (const s of seen) expect(Object.isFrozen(s)).toBe(true)
    for (const s of [...seen, result]) {
      expectPlain(s)
      expectCopiesEqual(s)
    }
  })

  test("with output: 'json' the object is an own field once something parsed, and the result holds the whole value", async () => {
    const { seen, result } = await play([{ body: [...events(json), chatDone] }], { output: 'json' })
    const withObject = seen.filter((s) => Object.hasOwn(s, 'object'))
    expect(withObject.length).toBeGreaterThan(2)
    expect(withObject.map((s) => s.object)).toContainEqual({ title: 'Pla' })
    expect(result.object).toEqual({ title: 'Plan', steps: [{ n: 1 }, { n: 2 }], done: true })
    expect(seen.at(-1)!.object).toEqual(result.object)
  })

  test('the states a run passes through are all checked: retrying, error, aborted', async () => {
    const failing = await cases[2]![1]()
    expect(failing.seen.map((s) => s.status)).toEqual(
      expect.arrayContaining(['connecting', 'streaming', 'retrying', 'error']),
    )
    expect(failing.result.object).toEqual({
      title: 'Plan',
      steps: [{ n: 1 }, { n: 2 }],
      done: true,
    })
    const stopped = await cases[3]![1]()
    expect(stopped.result.status).toBe('aborted')
    expect(stopped.result.object).toBeDefined()
  })
})
