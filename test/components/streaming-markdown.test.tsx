import { act, render, screen } from '@testing-library/react'
import { StreamingMarkdown, type MarkdownComponents } from 'rivulet/components'
import { createElement, StrictMode, type ReactNode } from 'react'
import { describe, expect, test, vi } from 'vitest'

const cursorOf = (container: HTMLElement) =>
  container.querySelectorAll('[data-slot="typing-cursor"]')

/** The element that directly holds the cursor, and the text just before it. */
function cursorPlace(container: HTMLElement) {
  const cursor = container.querySelector('[data-slot="typing-cursor"]')
  const parent = cursor?.parentElement
  return { tag: parent?.tagName.toLowerCase(), before: cursor?.previousSibling?.textContent ?? '' }
}

describe('given a StreamingMarkdown', () => {
  test('its root is a div with data-slot, data-streaming only while streaming, and no aria-live', () => {
    const view = render(<StreamingMarkdown text="Hi" streaming className="answer" />)
    const root = view.container.firstElementChild as HTMLElement
    expect(root.tagName).toBe('DIV')
    expect(root.dataset.slot).toBe('streaming-markdown')
    expect(root.hasAttribute('data-streaming')).toBe(true)
    expect(root.className).toBe('answer')
    expect(root.closest('[aria-live]')).toBeNull()
    view.rerender(<StreamingMarkdown text="Hi" className="answer" />)
    expect(root.hasAttribute('data-streaming')).toBe(false)
  })

  test('forwards its ref to the root element', () => {
    let node: HTMLDivElement | null = null
    render(<StreamingMarkdown text="x" ref={(el) => void (node = el)} />)
    expect(node).toBeInstanceOf(HTMLDivElement)
  })

  test('renders GFM: tables, task lists, strikethrough, autolinks and footnotes', () => {
    const doc = [
      '| a | b |',
      '|:-|-:|',
      '| 1 | 2 |',
      '',
      '- [x] done',
      '- [ ] todo',
      '',
      '~~gone~~ www.example.com',
      '',
      'Note[^n].',
      '',
      '[^n]: The footnote.',
    ].join('\n')
    const { container } = render(<StreamingMarkdown text={doc} />)
    expect(container.querySelector('th')?.style.textAlign).toBe('left')
    expect(container.querySelectorAll('td')).toHaveLength(2)
    const boxes = container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')
    expect([...boxes].map((box) => box.checked)).toEqual([true, false])
    expect(container.querySelector('del')?.textContent).toBe('gone')
    expect(container.querySelector('a[href="http://www.example.com"]')).not.toBeNull()
    const ref = container.querySelector('[data-slot="footnote-ref"] a')
    const note = container.querySelector('[data-slot="footnote"]')
    expect(ref?.textContent).toBe('1')
    expect(ref?.getAttribute('href')).toBe(`#${note?.id}`)
  })

  test('does not link a bare domain (GFM needs www. or a scheme)', () => {
    const { container } = render(<StreamingMarkdown text="see example.com" />)
    expect(container.querySelector('a')).toBeNull()
  })

  test('opens absolute links in a new tab with rel="noopener noreferrer", relative ones in place', () => {
    const { container } = render(
      <StreamingMarkdown text="[a](https://x.example) [b](/docs) [c](mailto:a@b.c)" />,
    )
    const [a, b, c] = container.querySelectorAll('a')
    expect(a?.getAttribute('target')).toBe('_blank')
    expect(b?.hasAttribute('target')).toBe(false)
    expect(c?.hasAttribute('target')).toBe(false)
    for (const link of [a, b, c]) expect(link?.getAttribute('rel')).toBe('noopener noreferrer')
  })
})

describe('given a stream', () => {
  test('shows one cursor at the end of the text and removes it when streaming ends', () => {
    const view = render(<StreamingMarkdown text="Hello **wor" streaming />)
    expect(cursorOf(view.container)).toHaveLength(1)
    expect(cursorPlace(view.container)).toEqual({ tag: 'p', before: 'wor' })
    view.rerender(<StreamingMarkdown text="Hello **world**" />)
    expect(cursorOf(view.container)).toHaveLength(0)
  })

  test.each([
    ['a list item', '- one\n- two', 'li', 'two'],
    ['a nested list item', '- one\n  - deep', 'li', 'deep'],
    ['a table cell', '| a | b |\n| - | - |\n| 1 | 2', 'td', '2'],
    ['a blockquote', '> quoted text', 'p', 'quoted text'],
    ['a heading', '## Title', 'h2', 'Title'],
    ['a code fence', '```js\nconst a = 1\n', 'code', 'const a = 1'],
    ['an indented code block', '    let x\n', 'code', 'let x'],
  ])('puts the cursor inside %s', (_, text, tag, before) => {
    const { container } = render(<StreamingMarkdown text={text} streaming />)
    expect(cursorPlace(container)).toEqual({ tag, before })
  })

  test('shows the cursor alone before any text arrives', () => {
    const { container } = render(<StreamingMarkdown text="" streaming />)
    expect(cursorOf(container)).toHaveLength(1)
  })

  test('accepts a custom cursor, or none', () => {
    const custom = render(
      <StreamingMarkdown text="a" streaming cursor={<i data-testid="mine" />} />,
    )
    expect(custom.getByTestId('mine').parentElement?.tagName).toBe('P')
    const none = render(<StreamingMarkdown text="a" streaming cursor={false} />)
    expect(cursorOf(none.container)).toHaveLength(0)
  })

  test('re-renders only the last block when text is appended', () => {
    const renders: string[] = []
    const components: MarkdownComponents = {
      p: ({ children }: { children?: ReactNode }) => {
        renders.push('p')
        return createElement('p', null, children)
      },
    }
    const view = render(
      <StreamingMarkdown text={'first\n\nsecond\n\nthi'} streaming components={components} />,
    )
    expect(renders).toHaveLength(3)
    renders.length = 0
    view.rerender(
      <StreamingMarkdown text={'first\n\nsecond\n\nthird'} streaming components={components} />,
    )
    expect(renders).toHaveLength(1)
    expect(view.container.querySelectorAll('p')[2]?.textContent).toBe('third')
  })

  test('resolves a reference link whose definition arrives later in the stream', () => {
    const start = 'See [the guide][g].\n\nMore text.\n\n'
    const view = render(<StreamingMarkdown text={start} streaming />)
    expect(view.container.querySelector('a')).toBeNull()
    view.rerender(<StreamingMarkdown text={`${start}[g]: https://guide.example`} streaming />)
    expect(view.container.querySelector('a')?.getAttribute('href')).toBe('https://guide.example')
  })

  test('numbers a footnote whose definition arrives later in the stream', () => {
    const start = 'Claim[^src].\n\nMore.\n\n'
    const view = render(<StreamingMarkdown text={start} streaming />)
    expect(view.container.querySelector('sup')).toBeNull()
    view.rerender(<StreamingMarkdown text={`${start}[^src]: Source.`} streaming />)
    expect(view.container.querySelector('[data-slot="footnote-ref"]')?.textContent).toBe('1')
  })

  test.each([
    ['unclosed strong', 'make it **bol', '<strong>bol</strong>'],
    ['unclosed emphasis', 'an *ital', '<em>ital</em>'],
    ['unclosed underscore strong', 'a __str', '<strong>str</strong>'],
    ['unclosed code span', 'run `npm i', '<code>npm i</code>'],
    ['unclosed strikethrough', 'was ~~wro', '<del>wro</del>'],
    ['strong inside emphasis', '*it **bo', '<em>it <strong>bo</strong></em>'],
    [
      'a link whose URL is arriving',
      'read [the docs](https://exa',
      '<span data-slot="link-text">the docs</span>',
    ],
    ['a link whose text is arriving', 'read [the do', '<p>read the do'],
    ['a trailing marker', 'Hello **', '<p>Hello</p>'],
    ['a table whose delimiter row is arriving', '| a | b |\n| -', '<th>a</th><th>b</th>'],
  ])('repairs %s while streaming', (_, text, html) => {
    const { container } = render(<StreamingMarkdown text={text} streaming cursor={false} />)
    expect(container.innerHTML).toContain(html)
  })

  test.each([
    ['arithmetic', 'so 2 * 3 = 6'],
    ['intraword stars', 'a*b and c*d'],
    ['snake_case', 'call snake_case_name'],
    ['a star after CJK text', '中文*星号'],
    ['a lone backtick in prose', 'a ` b c'],
  ])('leaves %s literal while streaming', (_, text) => {
    const streamed = render(<StreamingMarkdown text={text} streaming cursor={false} />)
    const whole = render(<StreamingMarkdown text={text} />)
    expect(streamed.container.querySelector('p')?.innerHTML).toBe(
      whole.container.querySelector('p')?.innerHTML,
    )
  })

  test('renders a replaced answer (not an extension of the last one) from scratch', () => {
    const view = render(<StreamingMarkdown text={'# Old\n\nold answer'} streaming />)
    view.rerender(<StreamingMarkdown text={'New *answer'} streaming />)
    expect(view.container.querySelector('h1')).toBeNull()
    expect(view.container.querySelector('em')?.textContent).toBe('answer')
  })

  test('renders the same under StrictMode double rendering', () => {
    const doc = 'one\n\n- two\n- thr'
    const strict = render(
      <StrictMode>
        <StreamingMarkdown text={doc} streaming />
      </StrictMode>,
    )
    const plain = render(<StreamingMarkdown text={doc} streaming />)
    expect(strict.container.innerHTML).toBe(plain.container.innerHTML)
  })

  test('shows the text exactly as received when repair is off', () => {
    const { container } = render(
      <StreamingMarkdown text="make it **bol" streaming repair={false} />,
    )
    expect(container.querySelector('strong')).toBeNull()
    expect(container.querySelector('p')?.textContent).toBe('make it **bol')
  })

  test('does not repair once streaming has ended', () => {
    const { container } = render(<StreamingMarkdown text="**not closed" />)
    expect(container.querySelector('p')?.textContent).toBe('**not closed')
  })
})

describe('given images', () => {
  test('loads same-origin images and shows a placeholder for other hosts', () => {
    const { container } = render(
      <StreamingMarkdown text="![local](/a.png) ![remote](https://cdn.example/b.png)" />,
    )
    expect(container.querySelectorAll('img')).toHaveLength(1)
    expect(container.querySelector('img')?.getAttribute('src')).toBe('/a.png')
    const placeholder = container.querySelector('[data-slot="image-placeholder"]')
    expect(placeholder?.getAttribute('aria-label')).toBe('remote')
  })

  test('loads images from allowed hosts, including subdomain patterns', () => {
    const doc =
      '![a](https://cdn.example/a.png) ![b](https://img.assets.example/b.png) ![c](https://other.example/c.png)'
    const { container } = render(
      <StreamingMarkdown text={doc} allowedImageHosts={['cdn.example', '*.assets.example']} />,
    )
    expect([...container.querySelectorAll('img')].map((img) => img.getAttribute('alt'))).toEqual([
      'a',
      'b',
    ])
  })

  test('never requests a half-written image URL while streaming', () => {
    const { container } = render(
      <StreamingMarkdown text="![chart](/charts/q3.pn" streaming allowedImageHosts={['*']} />,
    )
    expect(container.querySelector('img')).toBeNull()
  })
})

describe('given overrides', () => {
  test('uses a component per element, like react-markdown', () => {
    const Link = ({ href, children }: { href?: string; children?: ReactNode }) => (
      <a data-testid="custom" href={href}>
        {children}
      </a>
    )
    render(
      <StreamingMarkdown
        text={'# T\n\n[x](https://a.example)'}
        components={{ a: Link, h1: 'h2' }}
      />,
    )
    expect(screen.getByTestId('custom').getAttribute('href')).toBe('https://a.example')
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('T')
  })

  test('applies a custom urlTransform to links and images', () => {
    const transform = vi.fn((url: string, key: 'href' | 'src') =>
      key === 'href' ? `/out?to=${url}` : null,
    )
    const { container } = render(
      <StreamingMarkdown text="[a](https://a.example) ![i](/i.png)" urlTransform={transform} />,
    )
    expect(container.querySelector('a')?.getAttribute('href')).toBe('/out?to=https://a.example')
    expect(container.querySelector('img')).toBeNull()
    expect(transform).toHaveBeenCalledWith('/i.png', 'src')
  })
})

describe('given code blocks', () => {
  const fence = '```ts\nconst a = 1\n```'

  test('shows the language and an accessible copy button that copies the code', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(<StreamingMarkdown text={fence} highlight={false} />)
    expect(screen.getByText('ts')).toHaveProperty('dataset.slot', 'code-block-language')
    const button = screen.getByRole('button', { name: 'Copy code' })
    await act(async () => button.click())
    expect(writeText).toHaveBeenCalledWith('const a = 1\n')
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy()
  })

  test('highlights a finished block once and never flickers back to plain text', async () => {
    const highlight = vi.fn(async (code: string) => <b data-testid="hl">{code}</b>)
    const view = render(<StreamingMarkdown text={fence} highlight={highlight} />)
    expect(await screen.findByTestId('hl')).toBeTruthy()
    view.rerender(<StreamingMarkdown text={`${fence}\n\nmore`} highlight={highlight} />)
    expect(screen.getByTestId('hl')).toBeTruthy()
    view.unmount()
    const again = render(<StreamingMarkdown text={fence} highlight={highlight} />)
    expect(again.getByTestId('hl')).toBeTruthy()
    expect(highlight).toHaveBeenCalledTimes(1)
  })

  test('does not highlight a block that is still streaming', async () => {
    const highlight = vi.fn(async () => <b>hl</b>)
    render(<StreamingMarkdown text={'```ts\nconst a'} streaming highlight={highlight} />)
    await act(async () => new Promise((resolve) => setTimeout(resolve, 10)))
    expect(highlight).not.toHaveBeenCalled()
  })
})

describe('given a setext underline arriving', () => {
  test('the paragraph turns into a heading once the underline is there, with no stray dash', () => {
    const view = render(<StreamingMarkdown text="Heading text" streaming highlight={false} />)
    view.rerender(<StreamingMarkdown text={'Heading text\n---'} streaming highlight={false} />)
    expect(view.container.querySelector('h2')?.textContent).toBe('Heading text')
    expect(view.container.querySelector('hr')).toBeNull()
  })
})
