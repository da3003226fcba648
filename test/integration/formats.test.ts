import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStream, type StreamFormat } from 'rivulet/core'
import { mockFormats, type MockFormat } from 'rivulet/mock'
import { byteLength, expectConsistentMetrics, tokensOf } from './harness.ts'
import { type Script } from '../helpers/mock-answers.ts'
import { carries, mockOver, transports } from './transports.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

const text = 'Hello wörld — streaming 👋 from the mock, token by token.\nSecond line: ok!'
const tokens = tokensOf(text)

/** What each provider reports at the end of a stream (none for the generic formats). */
const finishOf: Record<MockFormat, string | undefined> = {
  'openai-chat': 'stop',
  'openai-responses': 'stop',
  anthropic: 'end_turn',
  ollama: 'stop',
  'sse-json': undefined,
  ndjson: undefined,
  text: undefined,
}
const hasUsage = (format: MockFormat) => finishOf[format] !== undefined

/** Streams the mock's answer to its end under the fake clock (`format` as createStream takes it). */
async function runToEnd(mock: ReturnType<typeof mockOver>, format?: StreamFormat) {
  const stream = createStream({
    url: 'http://mock.test/',
    ...mock.options,
    ...(format === undefined ? {} : { format }),
  })
  const settled = stream.start()
  await vi.runAllTimersAsync()
  return settled
}

const allCases = mockFormats.flatMap((format) =>
  [format, 'auto'].map((decodeAs) => ({ format, decodeAs: decodeAs as StreamFormat })),
)

// One table, run on each transport: the formats an EventSource cannot carry are left out there.
describe.each(transports)('createStream over mockStream, every format, over %s', (transport) => {
  const mockOn = (script: Script) => mockOver(transport, script)
  const cases = allCases.filter((c) => carries(transport, c.format))
  const on = (list: readonly MockFormat[]) => list.filter((f) => carries(transport, f))
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each(cases)(
    'streams $format decoded as $decodeAs to exactly the mock text, with finish, usage and metrics',
    async ({ format, decodeAs }) => {
      const mock = mockOn({
        format,
        text,
        ttft: 120,
        tokenDelay: 10,
        seed: 7,
        usage: { inputTokens: 11 },
      })
      const stream = createStream({
        url: 'http://mock.test/v1',
        ...mock.options,
        format: decodeAs,
      })
      const snapshots = recordSnapshots(stream)
      const settled = stream.start({ prompt: 'hi' })
      await vi.runAllTimersAsync()
      const result = await settled

      expect(result.status).toBe('done')
      expect(result.text).toBe(text)
      expect(result.error).toBeUndefined()
      expect(stream.getSnapshot().text).toBe(text)
      expect(result.finishReason).toBe(finishOf[format])
      if (hasUsage(format)) {
        expect(result.usage).toMatchObject({ inputTokens: 11, outputTokens: tokens.length })
      } else {
        expect(result.usage).toBeUndefined()
      }
      // One text part per token: the mock writes each token at its own moment.
      expectConsistentMetrics(result.metrics, { tokens: tokens.length, chars: text.length })
      // The clock is fake, so the mock's schedule is the measured one.
      expect(result.metrics.ttft).toBe(120)
      expect(result.metrics.duration).toBe(120 + (tokens.length - 1) * 10)
      expect(result.metrics.tokensPerSecond).toBeCloseTo(
        tokens.length / (((tokens.length - 1) * 10) / 1000),
        6,
      )
      expect(result.metrics.bytes).toBeGreaterThanOrEqual(byteLength(text))
      expect(mock.requests).toHaveLength(1)

      // The text only grows while streaming, and metrics are there before the end.
      const streaming = snapshots.filter((s) => s.status === 'streaming')
      expect(streaming.length).toBeGreaterThanOrEqual(tokens.length)
      for (let i = 1; i < snapshots.length; i++) {
        expect(snapshots[i]!.text.startsWith(snapshots[i - 1]!.text)).toBe(true)
      }
      const middle = streaming[Math.floor(streaming.length / 2)]!
      expect(middle.metrics.ttft).toBe(120)
      expect(middle.metrics.chars).toBe(middle.text.length)
      expect(middle.metrics.tokens).toBeGreaterThan(0)
      expect(middle.metrics.tokens).toBeLessThan(tokens.length)
    },
  )

  it.each(cases.filter((c) => c.format !== 'text'))(
    'reassembles $format ($decodeAs) cut into chunks of 1–7 bytes with seeded jitter',
    async ({ format, decodeAs }) => {
      for (const seed of [1, 2, 3]) {
        const mock = mockOn({
          format,
          text,
          ttft: 5,
          tokenDelay: 3,
          jitter: 2,
          chunkSize: [1, 7],
          seed,
        })
        const result = await runToEnd(mock, decodeAs)
        expect(result.status).toBe('done')
        expect(result.text).toBe(text)
        expect(result.finishReason).toBe(finishOf[format])
        expectConsistentMetrics(result.metrics, { tokens: tokens.length, chars: text.length })
      }
    },
  )

  it.skipIf(!carries(transport, 'text')).each(['text', 'auto'] as const)(
    'reassembles plain text cut inside multi-byte characters (decoded as %s)',
    async (decodeAs) => {
      for (const size of [1, 2, 3, 5, 7]) {
        const mock = mockOn({ format: 'text', text, tokenDelay: 1, chunkSize: size, seed: size })
        const result = await runToEnd(mock, decodeAs)
        expect(result.status).toBe('done')
        expect(result.text).toBe(text)
        expect(result.metrics.chars).toBe(text.length)
        expect(result.metrics.bytes).toBe(byteLength(text))
        expect(result.metrics.tokens).toBeGreaterThanOrEqual(tokens.length)
      }
    },
  )

  it.each(
    (
      [
        ['openai-chat', 'length', 'length'],
        ['anthropic', 'max_tokens', 'max_tokens'],
        ['ollama', 'length', 'length'],
      ] as const
    ).filter(([format]) => carries(transport, format)),
  )('reports the provider stop reason %s → %s', async (format, finishReason, expected) => {
    const mock = mockOn({ format, text, finishReason })
    const result = await runToEnd(mock)
    expect(result.status).toBe('done')
    expect(result.text).toBe(text)
    expect(result.finishReason).toBe(expected)
  })

  it('leaves usage out when OpenAI chat sends no usage chunk', async () => {
    const mock = mockOn({ format: 'openai-chat', text, usage: false })
    const result = await runToEnd(mock)
    expect(result).toMatchObject({ status: 'done', text, finishReason: 'stop' })
    expect(result.usage).toBeUndefined()
  })

  it.each(['text', 'token', 'content', 'delta'] as const)(
    'reads sse-json and ndjson whose text is in the %s field, with and without [DONE]',
    async (field) => {
      for (const format of on(['sse-json', 'ndjson'])) {
        for (const done of [false, true]) {
          const mock = mockOn({ format, text, field, done })
          expect(await runToEnd(mock)).toMatchObject({ status: 'done', text })
        }
      }
    },
  )

  it.skipIf(!carries(transport, 'ollama'))(
    'reads the Ollama generate shape as well as chat',
    async () => {
      const mock = mockOn({ format: 'ollama', ollamaEndpoint: 'generate', text })
      expect(await runToEnd(mock)).toMatchObject({ status: 'done', text, finishReason: 'stop' })
    },
  )
})
