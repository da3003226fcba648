import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStream, type StreamSnapshot } from 'rivulet/core'
import { mockFormats } from 'rivulet/mock'
import { tokensOf } from './harness.ts'
import { mockAnswers } from '../helpers/mock-answers.ts'
import { scriptedFetch } from '../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

const document = {
  title: 'Streaming “JSON” 👋',
  count: 42,
  ratio: -0.125,
  exp: 1.5e3,
  ok: true,
  nothing: null,
  tags: ['a', 'b\nc', 'ü'],
  nested: {
    list: [
      { id: 1, name: 'one' },
      { id: 2, name: 'two' },
    ],
    empty: {},
    none: [],
  },
  escaped: 'quote " backslash \\ tab \t slash /',
}
const compact = JSON.stringify(document)
const pretty = JSON.stringify(document, null, 2)

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Whether `partial` could be what a parser shows of `whole` part way through: equal
 * scalars, a string or number that `whole` starts with, arrays and objects whose present
 * entries are such prefixes (every entry but the last in an array complete).
 */
function isPrefixValue(partial: unknown, whole: unknown): boolean {
  if (Object.is(partial, whole)) return true
  if (typeof partial === 'string' && typeof whole === 'string') return whole.startsWith(partial)
  // A number still being written shows its digits so far (`4` on the way to `42`).
  if (typeof partial === 'number' && typeof whole === 'number') {
    return String(whole).startsWith(String(partial)) || (partial === 0 && whole < 1)
  }
  if (Array.isArray(partial) && Array.isArray(whole)) {
    if (partial.length > whole.length) return false
    return partial.every((item, i) =>
      i < partial.length - 1 ? isEqual(item, whole[i]) : isPrefixValue(item, whole[i]),
    )
  }
  if (isRecord(partial) && isRecord(whole)) {
    return Object.keys(partial).every((k) => k in whole && isPrefixValue(partial[k], whole[k]))
  }
  return false
}

const isEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

const cases = mockFormats.flatMap((format) =>
  [
    ['compact, word tokens', tokensOf(compact)],
    ['pretty, word tokens', tokensOf(pretty)],
    ['compact, 1-char tokens', [...compact]],
    ['compact, 5-char tokens', compact.match(/[\s\S]{1,5}/gu)!],
  ].map(([name, tokens]) => ({ format, name: name as string, tokens: tokens as string[] })),
)

describe("output: 'json' over a mock streaming a JSON document", () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each(cases)(
    '$format, $name: the final object is JSON.parse(text) and every step is a prefix of it',
    async ({ format, tokens }) => {
      const { fetch } = scriptedFetch(mockAnswers({ format, tokens, tokenDelay: 1 }))
      const stream = createStream({ url: 'http://mock.test/', fetch, output: 'json' })
      const snapshots = recordSnapshots(stream)
      const settled = stream.start()
      await vi.runAllTimersAsync()
      const result = await settled

      expect(result.status).toBe('done')
      expect(result.text).toBe(tokens.join(''))
      expect(result.object).toEqual(JSON.parse(result.text))
      expect(result.object).toEqual(document)

      const steps = snapshots.filter((s) => s.object !== undefined)
      expect(steps.length).toBeGreaterThan(3)
      let previous: StreamSnapshot['object']
      for (const s of steps) {
        expect(isPrefixValue(s.object, document), JSON.stringify(s.object)).toBe(true)
        // Each step extends the one before it: nothing shown is ever taken back.
        if (previous !== undefined) {
          expect(isPrefixValue(previous, s.object), JSON.stringify([previous, s.object])).toBe(true)
        }
        previous = s.object
      }
    },
  )

  it('a stopped JSON stream keeps the partial object parsed so far', async () => {
    const tokens = [...compact]
    const { fetch } = scriptedFetch(mockAnswers({ format: 'openai-chat', tokens, tokenDelay: 10 }))
    const stream = createStream({ url: 'http://mock.test/', fetch, output: 'json' })
    const settled = stream.start()
    await vi.advanceTimersByTimeAsync(10 * 60 + 5)
    stream.stop()
    const result = await settled
    expect(result.status).toBe('aborted')
    expect(result.text).toBe(tokens.slice(0, 61).join(''))
    expect(isRecord(result.object)).toBe(true)
    expect(isPrefixValue(result.object, document)).toBe(true)
    expect((result.object as Record<string, unknown>).title).toBe(document.title)
  })

  it('a restarted JSON stream parses the new answer from scratch', async () => {
    const tokens = tokensOf(compact)
    const { fetch } = scriptedFetch(
      mockAnswers([
        { format: 'anthropic', tokens, tokenDelay: 1, fault: 'drop-after:9' },
        { format: 'anthropic', tokens, tokenDelay: 1 },
      ]),
    )
    const stream = createStream({
      url: 'http://mock.test/',
      fetch,
      output: 'json',
      retry: { retries: 1, baseDelay: 5, jitter: false },
    })
    const snapshots = recordSnapshots(stream)
    const settled = stream.start()
    await vi.runAllTimersAsync()
    const result = await settled
    expect(result).toMatchObject({ status: 'done', text: compact })
    expect(result.object).toEqual(document)
    for (const s of snapshots) {
      if (s.object !== undefined) expect(isPrefixValue(s.object, document)).toBe(true)
    }
  })
})
