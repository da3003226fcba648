import { describe, expect, it } from 'vitest'
import { createOpenBlockTracker } from '../../../src/core/read/open-block.ts'

/** The tracker reads only the end of each text: it must agree with reading every character. */
function byCharacter(text: string): boolean {
  const tracker = createOpenBlockTracker()
  for (const char of text) tracker.feed(char)
  return tracker.open
}

function seeded(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
}

describe('open block tracker', () => {
  it('agrees with a character-by-character reading under any split', () => {
    const random = seeded(7)
    const alphabet = ['a', '\r', '\n', '\r\n', 'data: x']
    for (let round = 0; round < 3000; round++) {
      let text = ''
      const length = 1 + Math.floor(random() * 12)
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)]
      const tracker = createOpenBlockTracker()
      for (let i = 0; i < text.length;) {
        const size = 1 + Math.floor(random() * 5)
        tracker.feed(text.slice(i, i + size))
        i += size
      }
      expect([JSON.stringify(text), tracker.open]).toEqual([
        JSON.stringify(text),
        byCharacter(text),
      ])
    }
  })

  it.each([
    ['data: a\n\n', false],
    ['data: a\n', true],
    ['data: a\r\n\r\n', false],
    ['data: a\r\n', true],
    ['data: a\r\r', false],
    ['data: a', true],
    ['\n\n', false],
  ])('%j leaves a block open: %s', (text, open) => {
    const tracker = createOpenBlockTracker()
    tracker.feed(text)
    expect(tracker.open).toBe(open)
  })
})
