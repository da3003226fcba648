import { describe, expect, test } from 'vitest'
import { redact, thinkTags, type TextTransform } from 'rivulet/core'

function run(transform: TextTransform | TextTransform[], tokens: string[]) {
  const list = Array.isArray(transform) ? transform : [transform]
  const filters = list.map((t) => t.create())
  let text = ''
  let reasoning = ''
  const feed = (chunk: string, flush: boolean) => {
    let current = chunk
    for (const f of filters) {
      const out = f.push(current)
      current = out.text
      reasoning += out.reasoning ?? ''
      if (flush) {
        const rest = f.flush()
        current += rest.text
        reasoning += rest.reasoning ?? ''
      }
    }
    text += current
  }
  for (const t of tokens) feed(t, false)
  feed('', true)
  return { text, reasoning }
}

function everySplit(text: string): string[][] {
  const out: string[][] = [[text], [...text]]
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)])
  for (let i = 1; i < text.length; i++)
    for (let j = i + 1; j < text.length; j++)
      out.push([text.slice(0, i), text.slice(i, j), text.slice(j)])
  return out
}

describe('redact', () => {
  const secret = 'my key is sk-abc123XYZ789 ok'
  test('a secret split over tokens anywhere (every 1-, 2- and 3-piece split) is still redacted', () => {
    for (const tokens of everySplit(secret)) {
      expect(run(redact(/sk-[A-Za-z0-9]+/), tokens).text, JSON.stringify(tokens)).toBe(
        'my key is [redacted] ok',
      )
    }
  })

  test('a literal string pattern and a custom replacement', () => {
    expect(run(redact('hunter2', '***'), ['my pass is hun', 'ter2, ', 'bye']).text).toBe(
      'my pass is ***, bye',
    )
  })

  test('text that is not a secret is released as soon as a word ends', () => {
    const filter = redact(/sk-\w+/).create()
    expect(filter.push('hello wor').text).toBe('hello ')
    expect(filter.push('ld and ').text).toBe('world and ')
  })

  test('a held-back tail is released on finish', () => {
    expect(run(redact(/sk-\w+/), ['the end s', 'k-1']).text).toBe('the end [redacted]')
    expect(run(redact(/sk-\w+/), ['the end s']).text).toBe('the end s')
  })

  test('holdBack catches a pattern spanning spaces', () => {
    const t = redact(/card \d{4} \d{4}/, '[card]', { holdBack: 16 })
    expect(run(t, ['pay with card 12', '34 56', '78 now']).text).toBe('pay with [card] now')
  })
})

describe('thinkTags', () => {
  const answer = '<think>let me see</think>The answer is 4.'
  test('hides think blocks whatever the split (every 1-, 2- and 3-piece split)', () => {
    for (const tokens of everySplit(answer)) {
      expect(run(thinkTags(), tokens), JSON.stringify(tokens)).toEqual({
        text: 'The answer is 4.',
        reasoning: 'let me see',
      })
    }
  })

  test('reasoning streams as it arrives and text before the block is kept', () => {
    const f = thinkTags().create()
    expect(f.push('Hi <think>step one')).toEqual({ text: 'Hi ', reasoning: 'step one' })
    expect(f.push(' and two</thi')).toEqual({ text: '', reasoning: ' and two' })
    expect(f.push('nk>done')).toEqual({ text: 'done', reasoning: '' })
  })

  test('an unclosed block stays hidden and a lone "<" is released on finish', () => {
    expect(run(thinkTags(), ['<think>still going'])).toEqual({ text: '', reasoning: 'still going' })
    expect(run(thinkTags(), ['a <', 'b'])).toEqual({ text: 'a <b', reasoning: '' })
    expect(run(thinkTags(), ['1 <'])).toEqual({ text: '1 <', reasoning: '' })
  })

  test('transforms compose in order', () => {
    const out = run([thinkTags(), redact(/sk-\w+/)], ['<think>sk-', 'x</think>key sk-', 'abc done'])
    expect(out.text).toBe('key [redacted] done')
    expect(out.reasoning).toBe('sk-x')
  })
})
