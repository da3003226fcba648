import { describe, expect, it } from 'vitest'
import { createStream, type StreamFormat } from 'rivulet/core'
import { mockStream, type MockStreamOptions } from 'rivulet/mock'
import { mockAnswers } from '../helpers/mock-answers.ts'
import { scriptedFetch } from '../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

const text = 'Hi 👋 wörld.'
const formats = ['openai-chat', 'openai-responses', 'anthropic', 'sse-json'] as const

/**
 * The first response is the whole mock body cut at byte `cut` (a clean close or a reset);
 * every later request is answered by the resumable mock from the Last-Event-ID it carries.
 */
function cutThenResume(
  options: MockStreamOptions,
  bytes: Uint8Array,
  cut: number,
  reset: boolean,
  contentType = 'text/event-stream',
) {
  // The cut bytes are read before the body ends (a reset comes after every piece was read).
  return scriptedFetch([
    {
      headers: { 'content-type': contentType },
      body: [bytes.slice(0, cut)],
      end: reset ? 'error' : 'close',
    },
    mockAnswers(options),
  ])
}

/**
 * Streams the body cut at `cut`, then its retry (one, at once), decoded as `format`: it ends
 * done with exactly the text and no snapshot on the way shows anything but a prefix of it.
 * Returns the Last-Event-ID each request carried and the label that names the cut.
 */
async function expectCutRecovers(
  options: MockStreamOptions,
  format: StreamFormat,
  bytes: Uint8Array,
  cut: number,
  reset: boolean,
  contentType?: string,
) {
  const { fetch, requests } = cutThenResume(options, bytes, cut, reset, contentType)
  const stream = createStream({
    url: 'http://mock.test/',
    fetch,
    format,
    retry: { retries: 1, baseDelay: 0, jitter: false },
  })
  const snapshots = recordSnapshots(stream)
  const result = await stream.start()
  const label = `cut at ${cut}${reset ? ' (reset)' : ''}`
  const seen = requests.map((request) => request.headers.get('last-event-id'))
  expect(result.status, label).toBe('done')
  expect(result.text, label).toBe(text)
  for (const { text: shown } of snapshots) expect(text.startsWith(shown), label).toBe(true)
  return { seen, label }
}

/**
 * Every byte around each event boundary (inside the blank line, just before and after it),
 * and (with `spread`) about 60 cuts spread over the rest.
 */
function cutsOf(bytes: Uint8Array, spread = true): number[] {
  const cuts = new Set<number>()
  const stride = Math.max(11, Math.floor(bytes.length / 60))
  if (spread) for (let i = 1; i < bytes.length; i += stride) cuts.add(i)
  for (let i = 1; i < bytes.length; i++) {
    if (bytes[i - 1] === 10 && bytes[i] === 10) {
      for (let d = -3; d <= 3; d++) if (i + d > 0 && i + d < bytes.length) cuts.add(i + d)
    }
  }
  return [...cuts].sort((a, b) => a - b)
}

describe('resume by Last-Event-ID from a cut anywhere in a real provider stream', () => {
  const cases = formats.flatMap((format) =>
    (['named', 'auto'] as const).map((decodeAs) => ({ format, decodeAs })),
  )

  it.each(cases)(
    '$format ($decodeAs): a cut inside or between events ends done with exactly the text',
    { timeout: 30_000 },
    async ({ format, decodeAs }) => {
      const options: MockStreamOptions = { format, text, eventIds: true, seed: 3, now: 0 }
      const bytes = new Uint8Array(await mockStream(options).arrayBuffer())
      const firstEventEnd = new TextDecoder().decode(bytes).indexOf('\n\n') + 2
      // 'auto' learns the format from the first whole event, so its cuts start after it
      // (and only around the boundaries, to keep the run short).
      const cuts =
        decodeAs === 'auto'
          ? cutsOf(bytes, false).filter((cut) => cut >= firstEventEnd)
          : cutsOf(bytes)
      for (const cut of cuts) {
        // sse-json has no terminator: only a reset shows that its stream was cut.
        for (const reset of format === 'sse-json' ? [true] : [false, true]) {
          const { seen, label } = await expectCutRecovers(
            options,
            decodeAs === 'auto' ? 'auto' : format,
            bytes,
            cut,
            reset,
          )
          // Once a whole event with its id arrived, the retry resumes from an id.
          if (cut >= firstEventEnd) expect(seen[1], label).toMatch(/^\d+$/)
          else expect(seen[1], label).toBeNull()
        }
      }
    },
  )
})

describe('restart from a cut anywhere in a real provider stream without ids', () => {
  it.each(['openai-chat', 'openai-responses', 'anthropic'] as const)(
    '%s: a cut inside or between events restarts and replaces, ending with exactly the text',
    { timeout: 30_000 },
    async (format) => {
      const options: MockStreamOptions = { format, text, seed: 3, now: 0 }
      const bytes = new Uint8Array(await mockStream(options).arrayBuffer())
      for (const cut of cutsOf(bytes, false)) {
        for (const reset of [false, true]) {
          const { seen, label } = await expectCutRecovers(options, format, bytes, cut, reset)
          expect(seen, label).toEqual([null, null])
        }
      }
    },
  )
})

describe('restart from a cut anywhere in an NDJSON stream', () => {
  it.each(['ollama', 'ndjson'] as const)(
    '%s: a body cut inside a line (or reset) restarts and ends with exactly the text',
    { timeout: 30_000 },
    async (format) => {
      const options: MockStreamOptions = { format, text, seed: 3, now: 0 }
      const bytes = new Uint8Array(await mockStream(options).arrayBuffer())
      const lineEnds = new Set([...bytes.keys()].filter((i) => bytes[i] === 10))
      const cuts = new Set<number>()
      for (let i = 1; i < bytes.length; i += 7) cuts.add(i)
      for (const end of lineEnds) for (let d = -2; d <= 2; d++) cuts.add(end + d)
      for (const cut of [...cuts].filter((c) => c > 0 && c < bytes.length)) {
        // Without a terminator, a clean close after a whole line (its newline or not) is
        // the end of the stream; only a reset says it was cut there.
        const whole = lineEnds.has(cut) || lineEnds.has(cut - 1)
        const resets = format === 'ndjson' && whole ? [true] : [false, true]
        for (const reset of resets) {
          const { seen, label } = await expectCutRecovers(
            options,
            format,
            bytes,
            cut,
            reset,
            'application/x-ndjson',
          )
          // Only the final line, whole but for its newline, completes the first answer.
          if (cut < bytes.length - 1) expect(seen, label).toEqual([null, null])
        }
      }
    },
  )
})
