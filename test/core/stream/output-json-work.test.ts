import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { StreamSnapshot } from 'rivulet/core'
import { chatDone, chatEvent, scriptedStream } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

// Work is counted, not timed: every array element copied by Array.prototype.slice or concat while
// the stream runs (the JSON parser hands out a copy of an open array that way when it is read),
// and every character copied by String.prototype.slice (the parser copies each run of string
// content once; parsing a text again would copy it again).
let copied = 0
let sliced = 0
beforeEach(() => {
  vi.useFakeTimers()
  copied = 0
  sliced = 0
  const slice = Array.prototype.slice
  vi.spyOn(Array.prototype, 'slice').mockImplementation(function (
    this: unknown[],
    ...args: [number?, number?]
  ) {
    copied += this.length
    return slice.apply(this, args)
  })
  const concat = Array.prototype.concat
  vi.spyOn(Array.prototype, 'concat').mockImplementation(function (
    this: unknown[],
    ...args: unknown[]
  ) {
    copied += this.length
    return concat.apply(this, args)
  })
  const stringSlice = String.prototype.slice
  vi.spyOn(String.prototype, 'slice').mockImplementation(function (
    this: string,
    ...args: [number?, number?]
  ) {
    const out = stringSlice.apply(this, args)
    sliced += out.length
    return out
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

/** A top-level JSON array of `n` numbers, streamed one item per token. */
const arrayTokens = (n: number) => [
  '[',
  ...Array.from({ length: n - 1 }, (_, i) => `${i},`),
  `${n - 1}]`,
]
const expected = (n: number) => Array.from({ length: n }, (_, i) => i)

/** A top-level JSON array of `n` records (each closes before the next starts), one token each. */
const recordTokens = (n: number) => [
  '[',
  ...Array.from({ length: n }, (_, i) => `{"id":${i},"tags":["t${i}"]}${i < n - 1 ? ',' : ']'}`),
]

/** An object whose only open container, once `meta` closes, is itself: a long story grows. */
const storyTokens = (n: number) => [
  '{"meta":{"tags":["a","b"]},"story":"',
  ...Array.from({ length: n }, (_, i) => `word${i} `),
  '"}',
]

/**
 * Streams `tokens` with `output: 'json'`. `read`: what the subscriber does on each update:
 * nothing (`'none'`), take the snapshot but leave `object` alone (`'snapshot'`), or read the
 * object (`'object'`, as a UI rendering every update does).
 */
async function streamJson(tokens: string[], read: 'none' | 'snapshot' | 'object') {
  const { stream } = scriptedStream([{ body: [...tokens.map((t) => chatEvent(t)), chatDone] }], {
    output: 'json',
  })
  const seen: StreamSnapshot[] = []
  let updates = 0
  stream.subscribe(() => {
    updates++
    if (read === 'none') return
    const snapshot = stream.getSnapshot()
    seen.push(snapshot)
    if (read === 'object') void (snapshot.object as unknown[] | undefined)?.length
  })
  const run = stream.start()
  await vi.runAllTimersAsync()
  const result = await run
  return { result, seen, updates, copied, sliced, stream }
}

const streamArray = (n: number, readEach: boolean) =>
  streamJson(arrayTokens(n), readEach ? 'object' : 'none')

/** The closed records of `value` (all but the last, which may still be open). */
const closedOf = (value: unknown) => (Array.isArray(value) ? value.slice(0, -1) : [])

describe("output: 'json' work per update", () => {
  test('a growing array read on every update is copied once per read, at its width, and its closed records are shared', async () => {
    const n = 300
    const { result, seen, copied } = await streamJson(recordTokens(n), 'object')
    expect(result.object).toEqual(Array.from({ length: n }, (_, i) => ({ id: i, tags: [`t${i}`] })))
    // Each read hands out a new array (a value once read never changes), a copy of the open
    // array: its width, and nothing for the records that already closed.
    const widths = seen.map((s) => (Array.isArray(s.object) ? s.object.length : 0))
    const bound = widths.reduce((sum, width) => sum + width + 2, 0)
    expect(copied).toBeLessThanOrEqual(bound)
    // Structural sharing: a record that was closed in one snapshot is the same object in the next.
    for (let i = 1; i < seen.length; i++) {
      const before = closedOf(seen[i - 1]!.object)
      const after = seen[i]!.object as unknown[]
      before.forEach((record, k) => expect(after[k]).toBe(record))
    }
  })

  test('reading on every update costs what changed when the open containers stay narrow', async () => {
    // Four times the tokens, four times the work: a read that cost the size of the value (a
    // parse of the whole text, a deep copy) would make it sixteen times.
    const small = await streamJson(storyTokens(250), 'object')
    copied = 0
    sliced = 0
    const large = await streamJson(storyTokens(1000), 'object')
    expect(large.updates).toBeGreaterThan(1000)
    expect(large.sliced).toBeLessThan(6 * small.sliced)
    expect(large.copied).toBeLessThanOrEqual(6 * Math.max(small.copied, 100))
    const last = large.result.object as { meta: unknown; story: string }
    expect(last.story).toBe(Array.from({ length: 1000 }, (_, i) => `word${i} `).join(''))
    // The closed `meta` is one object across every snapshot that has it.
    const metas = new Set(large.seen.map((s) => (s.object as { meta?: unknown } | undefined)?.meta))
    metas.delete(undefined)
    expect(metas.size).toBe(1)
  })

  test('a stream whose snapshot is not read per update does constant work per token', async () => {
    const small = await streamArray(400, false)
    copied = 0
    const large = await streamArray(1600, false)
    expect(small.result.status).toBe('done')
    expect(large.result.status).toBe('done')
    // Linear: four times the tokens, at most about four times the work (quadratic would be 16×).
    expect(large.copied).toBeLessThan(4 * 1600)
    expect(large.copied).toBeLessThanOrEqual(4 * Math.max(small.copied, 400) + 400)
    expect(large.result.object).toEqual(expected(1600))
  })

  test('getSnapshot returns the same snapshot and object until the next change, with no work', async () => {
    const n = 500
    const { stream } = await streamJson(arrayTokens(n), 'none')
    copied = 0
    const last = stream.getSnapshot()
    const first = last.object
    for (let k = 0; k < 10; k++) {
      expect(stream.getSnapshot()).toBe(last)
      expect(stream.getSnapshot().object).toBe(first)
    }
    expect(copied).toBe(0)
    expect(first).toEqual(expected(n))
    expect(Object.isFrozen(last)).toBe(true)
  })

  test('an earlier snapshot read after later tokens shows its own prefix, and values handed out never change', async () => {
    const n = 50
    const { stream } = scriptedStream(
      [{ body: [...arrayTokens(n).map((t) => chatEvent(t)), chatDone] }],
      {
        output: 'json',
      },
    )
    const seen = recordSnapshots(stream)
    const early: unknown[] = []
    stream.subscribe(() => {
      const snapshot = stream.getSnapshot()
      // Read every fifth snapshot as it arrives; keep a copy to check it is never mutated.
      if (seen.length % 5 === 0) early.push([snapshot.object, structuredClone(snapshot.object)])
    })
    const run = stream.start()
    await vi.runAllTimersAsync()
    await run
    for (const [value, copy] of early as [unknown, unknown][]) expect(value).toEqual(copy)
    for (const snapshot of seen.filter((s) => s.status === 'streaming')) {
      // Each snapshot's text ends after a whole token ("[" or "i,"): its object is that prefix.
      const text = snapshot.text.replace(/,$/, '')
      expect(snapshot.object).toEqual(JSON.parse(text.endsWith(']') ? text : `${text}]`))
    }
    expect(seen.at(-1)!.object).toEqual(expected(n))
  })
})
