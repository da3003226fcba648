import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { StreamSnapshot } from 'rivulet/core'
import { chatDone, chatEvent } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots, scriptedStream } from '../../helpers/scripted-stream.ts'

// Work is counted, not timed: every array element copied by Array.prototype.slice while the
// stream runs (the JSON parser copies an open array that way before changing one it handed out).
let copied = 0
beforeEach(() => {
  vi.useFakeTimers()
  copied = 0
  const slice = Array.prototype.slice
  vi.spyOn(Array.prototype, 'slice').mockImplementation(function (
    this: unknown[],
    ...args: [number?, number?]
  ) {
    copied += this.length
    return slice.apply(this, args)
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

async function streamArray(n: number, readEach: boolean) {
  const { stream } = scriptedStream(
    [{ body: [...arrayTokens(n).map((t) => chatEvent(t)), chatDone] }],
    {
      output: 'json',
    },
  )
  const seen: StreamSnapshot[] = []
  stream.subscribe(() => {
    const snapshot = stream.getSnapshot()
    seen.push(snapshot)
    // What a subscriber rendering on every notification would do.
    if (readEach) void (snapshot.object as unknown[] | undefined)?.length
  })
  const run = stream.start()
  await vi.runAllTimersAsync()
  const result = await run
  return { result, seen, copied }
}

describe("output: 'json' work per token", () => {
  test('the count sees the copies when the object is read on every token', async () => {
    // Reading a growing array after each token must copy it (a value handed out is never
    // mutated), so reading per token is quadratic: this shows the counter measures that work.
    const n = 400
    const { result } = await streamArray(n, true)
    expect(result.object).toEqual(expected(n))
    expect(copied).toBeGreaterThan((n * n) / 4)
  })

  test('streaming a growing array copies no more than a constant per token when the object is not read per token', async () => {
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

  test("reading a snapshot's object k times copies only on the first read and returns the same value", async () => {
    const n = 500
    const { seen } = await streamArray(n, false)
    const last = seen[seen.length - 1]!
    copied = 0
    const first = last.object
    for (let k = 0; k < 10; k++) expect(last.object).toBe(first)
    expect(copied).toBeLessThanOrEqual(n)
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
