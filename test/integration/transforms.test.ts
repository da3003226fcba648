import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createChat, createStream, redact, thinkTags, type StreamOptions } from 'rivulet/core'
import { mockFormats, type MockStreamOptions } from 'rivulet/mock'
import { mockAnswers } from '../helpers/mock-answers.ts'
import { scriptedFetch } from '../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'

/** `text` cut into pieces of `size` characters (code points, so no lone surrogates). */
function piecesOf(text: string, size: number): string[] {
  const chars = [...text]
  const out: string[] = []
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''))
  return out
}

async function run(mock: MockStreamOptions, options: Omit<StreamOptions, 'url' | 'fetch'>) {
  const { fetch } = scriptedFetch(mockAnswers(mock))
  const stream = createStream({ url: 'http://mock.test/', fetch, retry: false, ...options })
  const snapshots = recordSnapshots(stream)
  const settled = stream.start()
  await vi.runAllTimersAsync()
  return { result: await settled, snapshots }
}

const smoothings: StreamOptions['smooth'][] = [false, { delay: 5 }, { delay: 5, chunking: 'char' }]

describe('transforms and smoothing end to end', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  describe('thinkTags', () => {
    const raw = '<think>The user greets me; answer kindly.</think>Hello there, wörld 👋!'
    const answer = 'Hello there, wörld 👋!'
    const reasoning = 'The user greets me; answer kindly.'

    it.each(mockFormats)(
      '%s: hides <think>…</think> split over tokens of 1–7 characters and exposes the reasoning',
      async (format) => {
        for (let size = 1; size <= 7; size++) {
          for (const smooth of smoothings) {
            const { result, snapshots } = await run(
              { format, tokens: piecesOf(raw, size), tokenDelay: 2 },
              { transform: thinkTags(), smooth },
            )
            const label = `size ${size}, smooth ${JSON.stringify(smooth)}`
            expect(result.status, label).toBe('done')
            expect(result.text, label).toBe(answer)
            expect(result.reasoning, label).toBe(reasoning)
            for (const s of snapshots) {
              // Never a tag or a piece of the thoughts on screen, only a prefix of the answer.
              expect(answer.startsWith(s.text), `${label}: ${JSON.stringify(s.text)}`).toBe(true)
              expect(reasoning.startsWith(s.reasoning ?? ''), label).toBe(true)
            }
          }
        }
      },
    )

    it('shows the reasoning while it streams, before the answer starts', async () => {
      const { snapshots } = await run(
        { format: 'anthropic', tokens: piecesOf(raw, 3), tokenDelay: 2 },
        { transform: thinkTags() },
      )
      const thinking = snapshots.filter((s) => (s.reasoning ?? '').length > 0 && s.text === '')
      expect(thinking.length).toBeGreaterThan(3)
      expect(thinking.some((s) => s.status === 'streaming')).toBe(true)
    })
  })

  describe('redact', () => {
    const secret = 'sk-Abc123Def456Ghi789Jkl0'
    const raw = `Your key is ${secret} — keep it safe. Another: ${secret}.`
    const shown = 'Your key is [key] — keep it safe. Another: [key].'
    const pattern = /sk-[A-Za-z0-9]{20,}/

    it.each(mockFormats)(
      '%s: removes a secret split over tokens of 1–7 characters, never showing any of it',
      async (format) => {
        for (let size = 1; size <= 7; size++) {
          for (const smooth of smoothings) {
            const { result, snapshots } = await run(
              { format, tokens: piecesOf(raw, size), tokenDelay: 1 },
              { transform: redact(pattern, '[key]'), smooth },
            )
            const label = `size ${size}, smooth ${JSON.stringify(smooth)}`
            expect(result.status, label).toBe('done')
            expect(result.text, label).toBe(shown)
            for (const s of snapshots) {
              expect(s.text, label).not.toContain('sk-')
              expect(shown.startsWith(s.text), `${label}: ${JSON.stringify(s.text)}`).toBe(true)
            }
          }
        }
      },
    )

    it('removes a secret cut inside its bytes by chunkSize 1–7 in a plain text body', async () => {
      for (let size = 1; size <= 7; size++) {
        const { result, snapshots } = await run(
          { format: 'text', text: raw, tokenDelay: 1, chunkSize: size },
          { transform: redact(pattern, '[key]') },
        )
        expect(result.text).toBe(shown)
        // Many small parts arrived, yet none showed part of the secret.
        expect(result.metrics.tokens).toBeGreaterThan(raw.length / size / 2)
        for (const s of snapshots) expect(s.text).not.toContain('sk-')
      }
    })

    it('composes with thinkTags: the secret is hidden from the answer and the thoughts set aside', async () => {
      const { result, snapshots } = await run(
        {
          format: 'openai-chat',
          tokens: piecesOf(`<think>check ${secret}</think>${raw}`, 4),
          tokenDelay: 1,
        },
        { transform: [thinkTags(), redact(pattern, '[key]')], smooth: { delay: 5 } },
      )
      expect(result.text).toBe(shown)
      expect(result.reasoning).toBe('check [key]')
      for (const s of snapshots) {
        expect(s.text).not.toContain('sk-')
        expect(s.reasoning ?? '').not.toContain('sk-')
      }
    })

    it('a restarted stream restarts the transform: no held-back tail of the first attempt leaks', async () => {
      const tokens = piecesOf(raw, 3)
      const { fetch, requests } = scriptedFetch(
        mockAnswers([
          { format: 'openai-chat', tokens, tokenDelay: 1, fault: 'drop-after:6' },
          { format: 'openai-chat', tokens, tokenDelay: 1 },
        ]),
      )
      const stream = createStream({
        url: 'http://mock.test/',
        fetch,
        retry: { retries: 1, baseDelay: 5, jitter: false },
        transform: redact(pattern, '[key]'),
      })
      const snapshots = recordSnapshots(stream)
      const settled = stream.start()
      await vi.runAllTimersAsync()
      const result = await settled
      expect(requests).toHaveLength(2)
      expect(result.text).toBe(shown)
      for (const s of snapshots) expect(shown.startsWith(s.text)).toBe(true)
    })
  })

  describe('smoothing', () => {
    const text = 'Smooth text arrives at a steady pace, word after word, then all of it.'

    it.each(['word', 'char'] as const)(
      'releases the whole text in %s chunks, growing step by step',
      async (chunking) => {
        const { result, snapshots } = await run(
          { format: 'openai-responses', text, ttft: 10, tokenDelay: 30 },
          { smooth: { delay: 5, chunking } },
        )
        expect(result).toMatchObject({ status: 'done', text })
        const texts = snapshots.map((s) => s.text)
        for (let i = 1; i < texts.length; i++) {
          expect(texts[i]!.startsWith(texts[i - 1]!)).toBe(true)
        }
        // More visible steps than network tokens: the smoother splits the bursts.
        expect(new Set(texts).size).toBeGreaterThan(result.metrics.tokens)
      },
    )

    it.each([
      { tokenDelay: 1, delay: 20, maxLag: 200 },
      { tokenDelay: 5, delay: 20, maxLag: 100 },
      { tokenDelay: 0.5, delay: 30, maxLag: 300 },
      { tokenDelay: 40, delay: 20, maxLag: 400 },
    ])(
      'never shows less than what arrived maxLag ms ago (tokens every $tokenDelay ms, maxLag $maxLag)',
      async ({ tokenDelay, delay, maxLag }) => {
        const long = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ')
        const tokens = long.match(/\s*\S+|\s+/gu)!
        const { fetch } = scriptedFetch(
          mockAnswers({ format: 'openai-chat', text: long, tokenDelay }),
        )
        const stream = createStream({ url: 'http://mock.test/', fetch, smooth: { delay, maxLag } })
        const started = Date.now()
        const settled = stream.start()
        const end = tokens.length * tokenDelay + maxLag + 100
        // Token i arrives at i × tokenDelay; sample the screen every 5 ms of the fake clock.
        for (let t = 5; t <= end; t += 5) {
          await vi.advanceTimersByTimeAsync(5)
          const now = Date.now() - started
          const arrived = Math.min(tokens.length, Math.floor((now - maxLag) / tokenDelay) + 1)
          const owed = arrived > 0 ? tokens.slice(0, arrived).join('').length : 0
          expect(stream.getSnapshot().text.length, `at ${now} ms`).toBeGreaterThanOrEqual(owed)
        }
        expect(await settled).toMatchObject({ status: 'done', text: long })
      },
    )

    it('flushes what it holds at once when the stream is stopped', async () => {
      const { fetch } = scriptedFetch(mockAnswers({ format: 'openai-chat', text, tokenDelay: 40 }))
      const stream = createStream({ url: 'http://mock.test/', fetch, smooth: { delay: 50 } })
      const settled = stream.start()
      await vi.advanceTimersByTimeAsync(40 * 5 + 5)
      stream.stop()
      const result = await settled
      expect(result.status).toBe('aborted')
      // Everything received is shown: the tokens that arrived, none held back.
      const received = text
        .match(/\s*\S+|\s+/gu)!
        .slice(0, 6)
        .join('')
      expect(result.text).toBe(received)
    })
  })
  it('a chat keeps the reasoning of each answer on its message, the text without the tags', async () => {
    const answer = (n: number) => `<think>thought ${n}</think>Answer ${n}.`
    let n = 0
    const { fetch } = scriptedFetch(
      mockAnswers(() => ({
        format: 'openai-chat',
        tokens: piecesOf(answer(++n), 2),
        tokenDelay: 1,
      })),
    )
    const chat = createChat({ url: 'http://mock.test/', fetch, transform: thinkTags() })
    const sent = (async () => {
      await chat.send('one')
      await chat.send('two')
    })()
    await vi.runAllTimersAsync()
    await sent
    const assistants = chat.getSnapshot().messages.filter((m) => m.role === 'assistant')
    expect(assistants.map((m) => [m.content, m.reasoning, m.status])).toEqual([
      ['Answer 1.', 'thought 1', 'done'],
      ['Answer 2.', 'thought 2', 'done'],
    ])
  })
})
