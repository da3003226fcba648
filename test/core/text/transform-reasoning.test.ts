import { describe, expect, test } from 'vitest'
import { createStream, redact, thinkTags, type TextFilter, type TextTransform } from 'rivulet/core'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'
import { scriptedFetch } from '../../helpers/scripted-fetch.ts'

const secret = 'sk-abc123XYZ789'
const raw = `<think>the key is ${secret} so</think>Use ${secret} now.`
const pattern = /sk-[A-Za-z0-9]{8,}/

/** `raw` as a plain-text body arriving in the given pieces. */
async function stream(pieces: string[], transform: TextTransform[]) {
  const { fetch } = scriptedFetch([{ headers: { 'content-type': 'text/plain' }, body: pieces }])
  const controller = createStream({ url: 'http://127.0.0.1/', fetch, format: 'text', transform })
  const seen = recordSnapshots(controller)
  const result = await controller.start()
  return { result, reasonings: seen.map((snapshot) => snapshot.reasoning ?? '') }
}

/** Whole, one character at a time, and every two-piece split. */
function splits(text: string): string[][] {
  const out = [[text], [...text]]
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)])
  return out
}

describe('transforms after thinkTags filter the reasoning too', () => {
  test('redact after thinkTags hides a secret inside <think> under every split', async () => {
    for (const pieces of splits(raw)) {
      const label = JSON.stringify(pieces)
      const { result, reasonings } = await stream(pieces, [thinkTags(), redact(pattern, '[key]')])
      expect(result.text, label).toBe('Use [key] now.')
      expect(result.reasoning, label).toBe('the key is [key] so')
      for (const shown of reasonings) expect(shown, label).not.toContain('sk-')
    }
  })

  test('redact before thinkTags gives the same result', async () => {
    const { result } = await stream(splits(raw)[1]!, [redact(pattern, '[key]'), thinkTags()])
    expect(result.text).toBe('Use [key] now.')
    expect(result.reasoning).toBe('the key is [key] so')
  })

  test('the reasoning passes a later transform on an instance of its own, never mixed with the text', async () => {
    // A filter that holds everything until flushed, then shows it upper-cased with its instance number.
    let instances = 0
    const shout: TextTransform = {
      name: 'shout',
      create(): TextFilter {
        const n = ++instances
        let held = ''
        return {
          push(text) {
            held += text
            return { text: '' }
          },
          flush() {
            const text = held ? `${n}:${held.toUpperCase()}` : ''
            held = ''
            return { text }
          },
        }
      },
    }
    const { result } = await stream(['<think>hm', 'm</think>ok'], [thinkTags(), shout])
    expect(result.text).toBe('1:OK')
    expect(result.reasoning).toBe('2:HMM')
  })
})
