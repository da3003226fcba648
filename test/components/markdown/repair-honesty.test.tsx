import { render } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'

// The repair must never lie: at every prefix of a document, what a reader sees is the start
// of what the finished document shows. A marker that flashes (`**`, `*`, `[`), emphasis closed
// in the wrong order, or emphasis invented for a marker the final text never closes all break
// that, as they show characters, or hide ones, that the final text does not.

const view = (text: string, streaming: boolean) =>
  render(<StreamingMarkdown text={text} streaming={streaming} cursor={false} highlight={false} />)

const normalize = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim()

/** Streams `doc` one code point at a time and returns the prefixes whose text is not a start of the final text. */
function lies(doc: string, check?: (container: HTMLElement, prefix: string) => string | undefined) {
  const final = view(doc, false)
  const finalText = normalize(final.container.textContent)
  final.unmount()
  const found: string[] = []
  const streamed = view('', true)
  let prefix = ''
  for (const point of Array.from(doc)) {
    prefix += point
    streamed.rerender(
      <StreamingMarkdown text={prefix} streaming cursor={false} highlight={false} />,
    )
    const seen = normalize(streamed.container.textContent)
    if (!finalText.startsWith(seen))
      found.push(`${JSON.stringify(prefix)} shows ${JSON.stringify(seen)}`)
    const problem = check?.(streamed.container, prefix)
    if (problem) found.push(`${JSON.stringify(prefix)}: ${problem}`)
  }
  streamed.unmount()
  return found
}

const documents: Record<string, string> = {
  'closers in nesting order':
    'Some ~~struck **bold** words~~ and **bold ~~struck~~ more** and _a **b** c_ end.\n',
  'strike around open bold': 'A ~~gone **very** gone~~ b.\n',
  'escaped markers':
    'Use \\*stars\\* and \\_under\\_ and \\~~tilde~~ here, **bold \\* star** and *it \\_ x* end.\n',
  'emphasis over a line break':
    'A **bold sentence\nthat spans lines** and *an emphasis\nover two* end.\n',
  'intraword underscores': '_snake_case is the name_ and _a_b_c_ and snake_case_name end.\n',
  'brackets in link text':
    'See [the [RFC] text](https://example.com/) and ![a [b] c](https://example.com/x.png) end.\n',
  'links and images':
    'See [docs](https://example.com/a_b) and ![logo](https://example.com/l.png) end.\n',
}

describe('given documents with each kind of marker the repair handles', () => {
  test.each(Object.entries(documents))(
    '%s: every prefix shows the start of the final text',
    (_, doc) => {
      expect(lies(doc)).toEqual([])
    },
  )
})

describe('given markers the final text never closes', () => {
  const noEmphasis = (container: HTMLElement) =>
    container.querySelector('em, strong, del') ? `invented ${container.innerHTML}` : undefined
  test.each([
    [
      'an attribute in raw HTML',
      'Open <a href="https://example.com" target="_blank">the link</a> in a new tab.\n',
    ],
    ['a star in braces', 'The conjugate x^{*} is used here.\n'],
    ['a lone underscore', 'Call my_function_name or 2 * 3 = 6 or a_b.\n'],
  ])('%s: no prefix shows emphasis', (_, doc) => {
    expect(lies(doc, noEmphasis)).toEqual([])
  })
})

describe('given a thematic break being typed', () => {
  test.each([
    'Intro.\n\n* * *\n\nAfter.\n',
    'Intro.\n\n- - -\n\nAfter.\n',
    'Intro.\n\n_ _ _\n\nAfter.\n',
  ])('%j never shows a bullet', (doc) => {
    const bullets = (container: HTMLElement) =>
      container.querySelector('li, ul') ? `bullet ${container.innerHTML}` : undefined
    expect(lies(doc, bullets)).toEqual([])
  })
})

describe('given emphasis open when the text ends with a line break', () => {
  test.each([
    ['A **bold sentence\n', 'strong', 'bold sentence'],
    ['A *long\nemphasis\n', 'em', 'long\nemphasis'],
    ['- item with ~~struck\n', 'del', 'struck'],
  ])('%j shows the emphasis, not its marker', (text, tag, content) => {
    const { container } = view(text, true)
    expect(container.querySelector(tag)?.textContent).toBe(content)
    expect(container.textContent).not.toMatch(/[*~]/)
  })
})

describe('given pathological prefixes', () => {
  test('closers are appended innermost first', () => {
    const { container } = view('~~a **b *c', true)
    expect(container.querySelector('del strong em')?.textContent).toBe('c')
    expect(container.textContent).toBe('a b c')
  })
})
