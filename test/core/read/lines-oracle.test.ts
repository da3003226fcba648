import { describe, expect, test } from 'vitest'
import { readLinesEvery } from '../../helpers/expect-messages.ts'

const pieces = ['{"a":1}', '"é世👋"', '', '  ', '\r', 'x\ry', '{"t":"\\n"}', '\uFEFF']
const ends = ['\n', '\r\n', '\n\n']

function transcript(seed: number): string {
  let state = seed + 1
  const next = () => ((state = (state * 48271) % 2147483647) / 2147483647) as number
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T
  let text = ''
  const count = 1 + Math.floor(next() * 8)
  for (let i = 0; i < count; i++)
    text += pick(pieces) + (i < count - 1 || next() < 0.5 ? pick(ends) : '')
  return text
}

// The rule written the obvious way over the whole body: split at LF, drop one CR before it,
// skip blank lines, keep a last line without a newline; a leading BOM is not content.
function reference(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .filter((line) => line.trim() !== '')
}

describe('readLines against the obvious whole-body rule', () => {
  test.each(Array.from({ length: 60 }, (_, seed) => [seed]))(
    'random body #%i splits the same under every chunking',
    async (seed) => {
      const text = transcript(seed)
      expect(await readLinesEvery(text, { random: 4, seed })).toStrictEqual(reference(text))
    },
  )
})
