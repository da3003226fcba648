import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStream, isStreamError, type StreamResult } from 'rivulet/core'
import { mockFormats, type MockFormat } from 'rivulet/mock'
import { expectConsistentMetrics, tokensOf } from './harness.ts'
import { type Script } from '../helpers/mock-answers.ts'
import { carries, mockOver, transports, type Transport } from './transports.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

const text = 'One two three, four — fünf 🙂 six seven eight nine ten.'
const tokens = tokensOf(text)

const fastRetry = { retries: 2, baseDelay: 10, jitter: false }

type Mock = ReturnType<typeof mockOver>

/** A stream reading the mock's answers, with quick retries unless `options` says otherwise. */
const streamOn = (
  mock: Mock,
  options: Omit<Parameters<typeof createStream>[0], 'url' | 'fetch'> = {},
) => createStream({ url: 'http://mock.test/', ...mock.options, retry: fastRetry, ...options })

/** Whether the first request was ended by the client: its signal, or its socket's close. */
function endedByClient(mock: Mock): boolean {
  const connection = mock.connections[0]
  if (connection) return connection.closedBy === 'client' && connection.closeCode === 1000
  return mock.requests[0]!.signal?.aborted === true
}

async function settle(promise: Promise<StreamResult>): Promise<StreamResult> {
  await vi.runAllTimersAsync()
  return promise
}

/** No snapshot ever shows text that is not a prefix of the answer: nothing doubled or garbled. */
function expectOnlyPrefixes(texts: string[], full: string) {
  for (const shown of texts) expect(full.startsWith(shown), JSON.stringify(shown)).toBe(true)
}

const shrinks = (texts: string[]) => texts.some((t, i) => i > 0 && t.length < texts[i - 1]!.length)

/**
 * Runs a stream on the mock to its end: exactly the text after a second request, and no
 * snapshot on the way showing anything but a prefix of it.
 */
async function expectOneRetryToText(mock: Mock): Promise<StreamResult> {
  const stream = streamOn(mock)
  const snapshots = recordSnapshots(stream)
  const result = await settle(stream.start())
  expect(result).toMatchObject({ status: 'done', text })
  expect(mock.requests).toHaveLength(2)
  expectOnlyPrefixes(
    snapshots.map((s) => s.text),
    text,
  )
  return result
}

// One table, run on each transport. What a transport cannot carry is left out where it is:
// an EventSource reads only event streams, and neither it nor a WebSocket shows response
// headers (Retry-After); a WebSocket message has no event id, so it restarts, never resumes;
// an EventSource cannot tell a reset from a clean close (both are an `error` event), so for a
// format without a terminator either is the end.
describe.each(transports)(
  'faults end to end: createStream against mockStream over %s',
  (transport: Transport) => {
    const mockOn = (script: Script) => mockOver(transport, script)
    const on = <T extends string>(list: readonly T[]) => list.filter((f) => carries(transport, f))
    /** Formats whose end is marked on the wire: a clean close before it is a truncation. */
    const terminated = on<MockFormat>(['openai-chat', 'openai-responses', 'anthropic', 'ollama'])
    /** SSE formats the mock can number with `id:` for a resume (a WebSocket has no ids). */
    const withIds =
      transport === 'websocket'
        ? []
        : on<MockFormat>(['openai-chat', 'openai-responses', 'anthropic', 'sse-json'])
    /** Formats with a provider error event. */
    const withEvents = on(mockFormats.filter((f) => f !== 'text'))
    const formats = on(mockFormats)
    /** Response headers reach the client (Retry-After). */
    const seesHeaders = transport === 'fetch'
    /** A reset is told from a clean close. */
    const seesResets = transport !== 'eventsource'
    beforeEach(() => {
      vi.useFakeTimers()
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    describe('a stream that drops', () => {
      // sse-json has no terminator: a clean close ends it (see below), so only a reset resumes.
      const resumeCases = withIds
        .filter((f) => seesResets || f !== 'sse-json')
        .flatMap((format) =>
          (format === 'sse-json' ? (['network'] as const) : (['drop', 'network'] as const)).flatMap(
            (type) =>
              [0, 1, 4, tokens.length].flatMap((after) =>
                (['auto', format] as const).map((decodeAs) => ({ format, decodeAs, type, after })),
              ),
          ),
        )

      it.each(resumeCases)(
        '$format ($decodeAs) with ids: a $type fault after $after tokens resumes with Last-Event-ID and appends',
        async ({ format, decodeAs, type, after }) => {
          const mock = mockOn([
            {
              format,
              text,
              eventIds: true,
              tokenDelay: 5,
              chunkSize: [1, 7],
              seed: after,
              fault: { type, after },
            },
            { format, text, eventIds: true, tokenDelay: 5, chunkSize: [1, 7], seed: after },
          ])
          const stream = streamOn(mock, { format: decodeAs })
          const snapshots = recordSnapshots(stream)
          const result = await settle(stream.start({ q: 1 }))

          expect(result.status).toBe('done')
          expect(result.text).toBe(text)
          expect(mock.requests).toHaveLength(2)
          expect(mock.requests[0]!.lastEventId).toBeNull()
          const resumedFrom = mock.requests[1]!.lastEventId
          // The generic format sends nothing before its first token, so a drop before any
          // token leaves no id to resume from: that case restarts, which is the same here.
          if (format !== 'sse-json' || after > 0) expect(resumedFrom).toMatch(/^\d+$/)
          // The same body is sent again.
          expect(mock.requests[1]!.body).toEqual({ q: 1 })
          const texts = snapshots.map((s) => s.text)
          expectOnlyPrefixes(texts, text)
          expect(shrinks(texts)).toBe(false)
          expect(snapshots.map((s) => s.status)).toContain('retrying')
          // Appending: every token counted once over both attempts.
          expectConsistentMetrics(result.metrics, {
            tokens: tokens.length,
            chars: text.length,
            retries: 1,
          })
        },
      )

      const restartCases = terminated.flatMap((format) =>
        (['drop', 'network'] as const).flatMap((type) =>
          [2, 5].map((after) => ({ format, type, after })),
        ),
      )

      it.each(restartCases)(
        '$format without ids: a $type fault after $after tokens restarts and replaces the partial text',
        async ({ format, type, after }) => {
          const mock = mockOn([
            { format, text, tokenDelay: 5, chunkSize: [1, 7], seed: after, fault: { type, after } },
            { format, text, tokenDelay: 5, chunkSize: [1, 7], seed: after + 1 },
          ])
          const stream = streamOn(mock)
          const snapshots = recordSnapshots(stream)
          const result = await settle(stream.start())

          expect(result.status).toBe('done')
          expect(result.text).toBe(text)
          expect(mock.requests).toHaveLength(2)
          expect(mock.requests[1]!.lastEventId).toBeNull()
          const texts = snapshots.map((s) => s.text)
          expectOnlyPrefixes(texts, text)
          const partial = tokens.slice(0, after).join('')
          expect(texts).toContain(partial)
          // The restarted answer replaced the partial one (its first token is shorter).
          expect(shrinks(texts)).toBe(true)
          // Metrics count what was received over both attempts.
          expectConsistentMetrics(result.metrics, {
            tokens: after + tokens.length,
            chars: partial.length + text.length,
            retries: 1,
          })
        },
      )

      it.each(on(['sse-json', 'ndjson', 'text'] as const).filter(() => seesResets))(
        '%s without ids: a network error mid-body restarts and ends with exactly the text',
        async (format) => {
          const mock = mockOn([
            { format, text, tokenDelay: 5, fault: 'network-after:3' },
            { format, text, tokenDelay: 5 },
          ])
          const result = await expectOneRetryToText(mock)
          expect(result.metrics.retries).toBe(1)
        },
      )

      it.each(on(['sse-json', 'ndjson', 'text'] as const))(
        '%s has no terminator, so a clean close is the end: done with the text sent so far',
        async (format) => {
          const mock = mockOn({ format, text, tokenDelay: 5, fault: 'drop-after:3' })
          const stream = streamOn(mock)
          const result = await settle(stream.start())
          expect(result).toMatchObject({ status: 'done', text: tokens.slice(0, 3).join('') })
          expect(mock.requests).toHaveLength(1)
        },
      )

      it.skipIf(withIds.length === 0)(
        'resumes again and again when every attempt drops after a little progress',
        async () => {
          const mock = mockOn((call) => ({
            format: 'openai-chat',
            text,
            eventIds: true,
            tokenDelay: 5,
            // Each attempt delivers two more tokens, then drops.
            fault: call < 5 ? { type: 'network', after: 2 * (call + 1) } : undefined,
          }))
          const stream = streamOn(mock)
          const snapshots = recordSnapshots(stream)
          const result = await settle(stream.start())
          // Progress by appending resets the retry budget: 5 drops with 2 retries still finish.
          expect(result).toMatchObject({ status: 'done', text })
          expect(mock.requests).toHaveLength(6)
          expectOnlyPrefixes(
            snapshots.map((s) => s.text),
            text,
          )
          expectConsistentMetrics(result.metrics, {
            tokens: tokens.length,
            chars: text.length,
            retries: 5,
          })
        },
      )

      it('gives up after the retries with the text kept and a truncated error', async () => {
        const mock = mockOn({ format: 'anthropic', text, tokenDelay: 5, fault: 'drop-after:3' })
        const onError = vi.fn()
        const stream = streamOn(mock, { onError })
        const result = await settle(stream.start())
        expect(result.status).toBe('error')
        expect(result.text).toBe(tokens.slice(0, 3).join(''))
        expect(result.error?.kind).toBe('truncated')
        expect(result.error?.partialText).toBe(result.text)
        expect(mock.requests).toHaveLength(3)
        expect(onError).toHaveBeenCalledOnce()
      })
    })

    describe('HTTP errors', () => {
      it.each(formats.filter(() => seesHeaders))(
        '%s: a 429 with Retry-After waits at least that long, then streams the answer',
        async (format) => {
          const mock = mockOn([
            { format, status: 429, retryAfter: 2 },
            { format, text },
          ])
          const stream = streamOn(mock)
          const snapshots = recordSnapshots(stream)
          const result = await settle(stream.start())
          expect(result).toMatchObject({ status: 'done', text })
          expect(mock.requests).toHaveLength(2)
          // Fake clock: the wait is the server's, not the 10 ms backoff.
          expect(mock.requests[1]!.at - mock.requests[0]!.at).toBeGreaterThanOrEqual(2000)
          expect(snapshots.map((s) => s.status)).toContain('retrying')
          expect(result.metrics.retries).toBe(1)
        },
      )

      it.each(formats)('%s: a 500 is retried, then the answer streams', async (format) => {
        const mock = mockOn([
          { format, status: 500 },
          { format, text },
        ])
        const stream = streamOn(mock)
        const result = await settle(stream.start())
        expect(result).toMatchObject({ status: 'done', text })
        expect(mock.requests).toHaveLength(2)
      })

      it.each(formats)('%s: a 401 is an http error, not retried', async (format) => {
        const mock = mockOn([
          { format, status: 401, errorMessage: 'bad key' },
          { format, text },
        ])
        const onError = vi.fn()
        const stream = streamOn(mock, { onError })
        const result = await settle(stream.start())
        expect(result.status).toBe('error')
        expect(result.text).toBe('')
        expect(isStreamError(result.error)).toBe(true)
        expect(result.error).toMatchObject({ kind: 'http', status: 401, retryable: false })
        expect(result.error?.partialText).toBe('')
        expect(mock.requests).toHaveLength(1)
        expect(onError).toHaveBeenCalledWith(result.error)
      })

      it.each(formats)(
        '%s: each HTTP error status is an http error with the provider message, retryable as the rules say',
        async (format) => {
          for (const status of [400, 403, 404, 408, 413, 429, 500, 502, 503, 529]) {
            const mock = mockOn({ format, status, errorMessage: `failure ${status}` })
            const stream = streamOn(mock, { retry: false })
            const result = await settle(stream.start())
            expect(result.error, String(status)).toMatchObject({
              kind: 'http',
              status,
              retryable: status === 408 || status === 429 || status >= 500,
            })
          }
        },
      )

      it.skipIf(!seesHeaders)(
        'keeps failing 503s as an http error after the configured retries',
        async () => {
          const mock = mockOn({ format: 'openai-chat', status: 503, retryAfter: 1 })
          const stream = streamOn(mock)
          const result = await settle(stream.start())
          expect(result.error).toMatchObject({ kind: 'http', status: 503, retryable: true })
          expect(mock.requests).toHaveLength(3)
          expect(mock.requests[2]!.at - mock.requests[1]!.at).toBeGreaterThanOrEqual(1000)
        },
      )
    })

    describe('errors inside the stream', () => {
      it.each(withEvents)(
        '%s: a provider error event mid-stream is a provider error keeping the text shown',
        async (format) => {
          const mock = mockOn({
            format,
            text,
            tokenDelay: 5,
            errorAfter: 4,
            errorMessage: 'Overloaded',
          })
          const stream = streamOn(mock, { retry: false })
          const snapshots = recordSnapshots(stream)
          const result = await settle(stream.start())
          const shown = tokens.slice(0, 4).join('')
          expect(result.status).toBe('error')
          expect(result.text).toBe(shown)
          expect(result.error?.kind).toBe('provider')
          expect(result.error?.message).toContain('Overloaded')
          expect(result.error?.partialText).toBe(shown)
          expect(stream.getSnapshot().error?.partialText).toBe(stream.getSnapshot().text)
          expect(snapshots.at(-1)?.status).toBe('error')
          expect(mock.requests).toHaveLength(1)
        },
      )

      it.each(
        withEvents.flatMap((format) => [format, 'auto'].map((decodeAs) => ({ format, decodeAs }))),
      )(
        '$format ($decodeAs): a provider error before any text is a provider error with nothing shown',
        async ({ format, decodeAs }) => {
          const mock = mockOn({ format, text, errorAfter: 0, errorMessage: 'Boom' })
          const stream = streamOn(mock, { retry: false, format: decodeAs as MockFormat | 'auto' })
          const result = await settle(stream.start())
          expect(result).toMatchObject({ status: 'error', text: '' })
          expect(result.error).toMatchObject({ kind: 'provider', partialText: '' })
          expect(result.error?.message).toContain('Boom')
        },
      )

      it.each(on(['openai-chat', 'openai-responses', 'anthropic'] as const))(
        '%s: an overloaded provider error is retryable and the retry streams the answer',
        async (format) => {
          const mock = mockOn([
            { format, text, tokenDelay: 5, errorAfter: 4 },
            { format, text },
          ])
          await expectOneRetryToText(mock)
        },
      )

      it.each(withEvents)(
        '%s: a malformed event is a parse error keeping the text shown',
        async (format) => {
          const mock = mockOn({ format, text, tokenDelay: 5, fault: 'malformed-after:3' })
          const stream = streamOn(mock)
          const result = await settle(stream.start())
          const shown = tokens.slice(0, 3).join('')
          expect(result.status).toBe('error')
          expect(result.text).toBe(shown)
          expect(result.error).toMatchObject({ kind: 'parse', partialText: shown })
          // Not retried: the same server would send the same broken event again.
          expect(mock.requests).toHaveLength(1)
        },
      )
    })

    describe('timeouts', () => {
      it.each(formats)(
        '%s: a stream that hangs hits the idle timeout and the retry completes it',
        async (format) => {
          const mock = mockOn([
            { format, text, tokenDelay: 20, fault: 'hang-after:3' },
            { format, text, tokenDelay: 20 },
          ])
          const stream = streamOn(mock, { timeout: { idle: 500 } })
          const snapshots = recordSnapshots(stream)
          const result = await settle(stream.start())
          expect(result).toMatchObject({ status: 'done', text })
          expect(mock.requests).toHaveLength(2)
          expect(endedByClient(mock)).toBe(true)
          // The retry came after the idle time, not before.
          expect(mock.requests[1]!.at - mock.requests[0]!.at).toBeGreaterThanOrEqual(2 * 20 + 500)
          expectOnlyPrefixes(
            snapshots.map((s) => s.text),
            text,
          )
          expect(snapshots.map((s) => s.status)).toContain('retrying')
        },
      )

      it.each(withIds)(
        '%s with ids: after an idle timeout the retry resumes with Last-Event-ID and appends',
        async (format) => {
          const mock = mockOn([
            { format, text, eventIds: true, tokenDelay: 20, fault: 'hang-after:5' },
            { format, text, eventIds: true, tokenDelay: 20 },
          ])
          const stream = streamOn(mock, { timeout: { idle: 300 } })
          const snapshots = recordSnapshots(stream)
          const result = await settle(stream.start())
          expect(result).toMatchObject({ status: 'done', text })
          expect(mock.requests[1]!.lastEventId).toMatch(/^\d+$/)
          const texts = snapshots.map((s) => s.text)
          expectOnlyPrefixes(texts, text)
          expect(shrinks(texts)).toBe(false)
          expectConsistentMetrics(result.metrics, {
            tokens: tokens.length,
            chars: text.length,
            retries: 1,
          })
        },
      )

      it('an idle timeout that keeps expiring ends in a timeout error with the text kept', async () => {
        const mock = mockOn({
          format: 'openai-chat',
          text,
          tokenDelay: 20,
          fault: 'hang-after:2',
        })
        const stream = streamOn(mock, { timeout: { idle: 300 } })
        const result = await settle(stream.start())
        expect(result.status).toBe('error')
        expect(result.error?.kind).toBe('timeout')
        expect(result.text).toBe(tokens.slice(0, 2).join(''))
        expect(result.error?.partialText).toBe(result.text)
        expect(mock.requests).toHaveLength(3)
      })

      it('a first token slower than the first-byte timeout is retried', async () => {
        const mock = mockOn([
          { format: 'openai-chat', text, fault: 'hang-after:0' },
          { format: 'openai-chat', text, tokenDelay: 5 },
        ])
        const stream = streamOn(mock, { timeout: { firstByte: 400, idle: 400 } })
        const result = await settle(stream.start())
        expect(result).toMatchObject({ status: 'done', text })
        expect(mock.requests).toHaveLength(2)
      })
    })

    describe('stop', () => {
      it.each(formats)(
        '%s: stop() while streaming aborts, keeps the text and makes no further request',
        async (format) => {
          const mock = mockOn({ format, text, tokenDelay: 50 })
          const stream = streamOn(mock)
          const settled = stream.start()
          await vi.advanceTimersByTimeAsync(50 * 3 + 10)
          const shown = stream.getSnapshot().text
          expect(shown).toBe(tokens.slice(0, 4).join(''))
          stream.stop()
          const result = await settle(settled)
          expect(result.status).toBe('aborted')
          expect(result.text).toBe(shown)
          expect(result.error).toBeUndefined()
          expect(stream.getSnapshot()).toMatchObject({ status: 'aborted', text: shown })
          expect(mock.requests).toHaveLength(1)
          // The request was ended: an aborted fetch, a closed EventSource, a socket closed with 1000.
          expect(endedByClient(mock)).toBe(true)
          // Nothing arrives afterwards: the mock's timers were stopped with the request.
          expect(vi.getTimerCount()).toBe(0)
        },
      )

      it.skipIf(!seesHeaders)(
        'stop() during the backoff after a 429 ends the wait and sends nothing more',
        async () => {
          const mock = mockOn([{ status: 429, retryAfter: 30 }, { text }])
          const stream = streamOn(mock)
          const settled = stream.start()
          await vi.advanceTimersByTimeAsync(1000)
          expect(stream.getSnapshot().status).toBe('retrying')
          stream.stop()
          const result = await settled
          expect(result.status).toBe('aborted')
          await vi.advanceTimersByTimeAsync(60_000)
          expect(mock.requests).toHaveLength(1)
        },
      )
    })
  },
)

describe('what only the EventSource transport does', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sse-json: a reset looks like a clean close to an EventSource, so it ends done with the text so far', async () => {
    const mock = mockOver('eventsource', {
      format: 'sse-json',
      text,
      tokenDelay: 5,
      fault: 'network-after:3',
    })
    const stream = streamOn(mock)
    const result = await settle(stream.start())
    expect(result).toMatchObject({ status: 'done', text: tokens.slice(0, 3).join('') })
    expect(mock.requests).toHaveLength(1)
  })

  it('refuses a body that is not an event stream without reconnecting on its own', async () => {
    const mock = mockOver('eventsource', { format: 'ndjson', text })
    const stream = streamOn(mock, { retry: false })
    const result = await settle(stream.start())
    expect(result.status).toBe('error')
    expect(result.error?.kind).toBe('network')
    expect(result.error?.message).toMatch(/EventSource/)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(mock.requests).toHaveLength(1)
  })
})
