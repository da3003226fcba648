import { render } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'

const streamed = (text: string) =>
  render(<StreamingMarkdown text={text} streaming cursor={false} highlight={false} />).container

describe('given emphasis still open when the last token ends in a space', () => {
  test.each([
    ['This is **bold ', 'strong', 'bold'],
    ['This is **bold with *nested ', 'em', 'nested'],
    ['Some ~~struck words ', 'del', 'struck words'],
    ['A **bold sentence\nover two ', 'strong', 'bold sentence\nover two'],
  ])('%j shows the emphasis, not its opener', (text, tag, content) => {
    const container = streamed(text)
    expect(container.querySelector(tag)?.textContent).toBe(content)
    expect(container.textContent).not.toMatch(/[*~]/)
  })
})

describe('given a code span whose closing run is still arriving', () => {
  test('a double-backtick span ending in one backtick is completed, not shown raw', () => {
    const container = streamed('Use ``code with ` inside`')
    // The trailing backtick is the start of the closing run.
    expect(container.querySelector('code')?.textContent).toBe('code with ` inside')
    expect(container.textContent).toBe('Use code with ` inside')
  })
})

describe('given CJK text with strong emphasis arriving', () => {
  test.each([
    ['这是**', '这是'],
    ['这是**重', '这是重'],
    ['这是**重要*', '这是重要'],
    ['日本語の**太字', '日本語の太字'],
    ['删除~~旧的', '删除旧的'],
  ])('%j hides the markers of the opener (no spaces separate CJK words)', (text, visible) => {
    expect(streamed(text).textContent).toBe(visible)
  })

  test('a single star after CJK text stays literal, as the finished text shows it', () => {
    expect(streamed('价格*2').textContent).toBe('价格*2')
  })
})

describe('given a list starting right under a paragraph', () => {
  test.each([
    ['Intro:\n-', 'Intro:'],
    ['Intro:\n- ', 'Intro:'],
    ['- a\n  -', 'a'],
    ['> Quote\n> -', 'Quote'],
    ['Steps:\n1.', 'Steps:'],
    ['- b\n    1.', 'b'],
    ['Options:\n+', 'Options:'],
  ])('%j shows neither a heading nor the bare marker', (text, visible) => {
    const container = streamed(text)
    expect(container.querySelector('h1, h2')).toBeNull()
    expect(container.textContent).toBe(visible)
  })

  test('a full setext underline still makes the heading at once', () => {
    expect(streamed('Title\n---').querySelector('h2')?.textContent).toBe('Title')
    expect(streamed('Title\n=').querySelector('h1')?.textContent).toBe('Title')
  })
})

describe('given a table header row still arriving', () => {
  test('the header is a table from its second pipe on, never a paragraph of pipes again', () => {
    const doc = '| Model | Tokens | Cost |'
    const view = render(<StreamingMarkdown text="" streaming cursor={false} />)
    let wasTable = false
    for (let i = 1; i <= doc.length; i++) {
      view.rerender(<StreamingMarkdown text={doc.slice(0, i)} streaming cursor={false} />)
      const isTable = view.container.querySelector('table') !== null
      expect(wasTable && !isTable ? doc.slice(0, i) : '').toBe('')
      wasTable ||= isTable
    }
    expect(view.container.querySelectorAll('th')).toHaveLength(3)
  })
})

describe('given a link whose URL holds parentheses or a title', () => {
  test.each([
    'See [w](https://en.wikipedia.org/wiki/Foo_(bar)',
    'See [w](https://example.com "A (title)',
    'See [w](https://example.com (title',
    'See [![logo](/a.png)](https://exa',
  ])('%j hides the half-written destination', (text) => {
    const container = streamed(text)
    expect(container.textContent).not.toMatch(/[[\]()]|https/)
    expect(container.querySelector('a')).toBeNull()
  })
})

describe('given an autolink still arriving', () => {
  test.each([
    ['<https://example.com/pa', 'https://example.com/pa'],
    ['mail <me@example.co', 'mail me@example.co'],
  ])('%j shows no raw <', (text, visible) => {
    expect(streamed(text).textContent).toBe(visible)
  })

  test('a less-than sign in prose stays', () => {
    expect(streamed('if a <b and c').textContent).toBe('if a <b and c')
  })
})

describe('given brackets that just closed at the end of the stream', () => {
  test.each([
    ['See [docs]', 'See docs'],
    ['See [docs][re', 'See docs'],
    ['An ![image]', 'An image'],
    ['- [x]', ''],
    ['- [ ] ', ''],
    ['Text\n\n[r]:', 'Text'],
  ])('%j shows no raw brackets', (text, visible) => {
    expect(streamed(text).textContent).toBe(visible)
  })

  test('a task marker becomes a checkbox once its text starts, and brackets in prose stay', () => {
    expect(streamed('- [x] d').querySelector('input[type="checkbox"]')).not.toBeNull()
    expect(streamed('See [docs] and').textContent).toBe('See [docs] and')
  })
})

describe('given CJK text ending in a marker being typed', () => {
  test.each([
    ['这是*', '这是'],
    ['包含*强调*和`', '包含强调和'],
  ])('%j hides it for now', (text, visible) => {
    expect(streamed(text).textContent).toBe(visible)
  })
})

describe('given a table arriving', () => {
  test.each([
    ['| Mod', 1],
    ['a | b\n-', 2],
    ['a | b\n--- | -', 2],
  ])('%j is already a table', (text, columns) => {
    expect(streamed(text).querySelectorAll('th')).toHaveLength(columns)
  })

  test('prose with a pipe stays prose until a delimiter row starts under it', () => {
    expect(streamed('a | b').querySelector('table')).toBeNull()
    expect(streamed('a | b\nmore').querySelector('table')).toBeNull()
  })
})

describe('given an autolink whose scheme is still arriving', () => {
  test.each(['<h', '<http', '<https:/', '<mailt'])('%j hides its <', (text) => {
    expect(streamed(text).textContent).not.toContain('<')
  })

  test('a raw tag being written stays visible as text', () => {
    expect(streamed('a <div').textContent).toBe('a <div')
  })
})
