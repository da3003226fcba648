import { render } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test, vi } from 'vitest'

// A finished ~10 KB answer nested thousands of levels deep: one level per `**a `, `~~a `…
const nested = (open: string, close: string, levels: number) =>
  `${open.repeat(levels)}core${close.repeat(levels)}`

const deepDocuments: [string, string][] = [
  ['strong', nested('**a ', ' b**', 1500)],
  ['emphasis', nested('*a ', ' b*', 2000)],
  ['strikethrough', nested('~~a ', ' b~~', 1500)],
  ['links in images', nested('![a ', '](b)', 1500)],
  ['mixed', nested('**a ~~b *c ', ' d* e~~ f**', 600)],
]

describe('given a finished answer nested thousands of levels deep', () => {
  test.each(deepDocuments)(
    '%s renders, keeping every word, with bounded element depth',
    (_, doc) => {
      expect(doc.length).toBeGreaterThan(6000)
      const { container } = render(
        <div>
          <p>before</p>
          <StreamingMarkdown text={doc} highlight={false} />
        </div>,
      )
      const text = container.textContent ?? ''
      expect(text).toContain('before')
      expect(container.innerHTML).toContain('core')
      // Every opener's word is still there, shown as element or as text.
      expect(text.split('a').length - 1).toBeGreaterThanOrEqual(600)
      expect(container.querySelector('[data-slot="markdown-fallback"]')).toBeNull()
      let depth = 0
      for (let node: Element | null = container.querySelector('strong, em, del, span'); node;) {
        const child: Element | null = node.querySelector(
          ':scope > strong, :scope > em, :scope > del',
        )
        depth++
        node = child
      }
      expect(depth).toBeLessThanOrEqual(45)
    },
  )

  test.each(deepDocuments)(
    '%s streams to the end (every 397th prefix) without crashing',
    (_, doc) => {
      const view = render(<StreamingMarkdown text="" streaming highlight={false} />)
      for (let end = 397; end < doc.length; end += 397) {
        view.rerender(<StreamingMarkdown text={doc.slice(0, end)} streaming highlight={false} />)
        expect(view.container.textContent).toContain('a')
      }
      view.rerender(<StreamingMarkdown text={doc} highlight={false} />)
      // `core` may be an image's alt text, which is not in textContent.
      expect(view.container.innerHTML).toContain('core')
      expect(view.container.querySelector('[data-slot="markdown-fallback"]')).toBeNull()
    },
    60_000,
  )

  test('an open answer of `**a ` repeated (repair closes every level) renders', () => {
    const { container } = render(
      <StreamingMarkdown text={'**a '.repeat(3000)} streaming highlight={false} />,
    )
    expect(container.textContent?.split('a').length).toBe(3001)
  })

  test('a shallow document is unaffected: ten levels are ten elements', () => {
    const { container } = render(
      <StreamingMarkdown text={nested('**a *b ', ' c* d**', 5)} highlight={false} />,
    )
    expect(container.querySelectorAll('strong')).toHaveLength(5)
    expect(container.querySelectorAll('em')).toHaveLength(5)
  })
})

describe('given one block that fails to render', () => {
  test('a component override that throws loses that block only, shown as its text', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const Broken = () => {
      throw new Error('broken heading')
    }
    const { container } = render(
      <StreamingMarkdown
        text={'First paragraph.\n\n## A heading\n\nLast **paragraph**.'}
        components={{ h2: Broken }}
        highlight={false}
      />,
    )
    quiet.mockRestore()
    expect(container.querySelector('p')?.textContent).toBe('First paragraph.')
    expect(container.querySelector('strong')?.textContent).toBe('paragraph')
    expect(container.querySelector('[data-slot="markdown-fallback"]')?.textContent).toBe(
      '## A heading\n\n',
    )
  })

  test('a URL policy that throws loses that block only, and the block recovers when the text changes', () => {
    const urlTransform = (url: string) => {
      if (url.includes('bad')) throw new Error('bad url')
      return url
    }
    const view = render(
      <StreamingMarkdown
        text={'Intro.\n\nSee [this](https://bad.example/).'}
        urlTransform={urlTransform}
        highlight={false}
      />,
    )
    expect(view.container.querySelector('p')?.textContent).toBe('Intro.')
    expect(view.container.querySelector('[data-slot="markdown-fallback"]')?.textContent).toBe(
      'See [this](https://bad.example/).',
    )
    view.rerender(
      <StreamingMarkdown
        text={'Intro.\n\nSee [this](https://good.example/).'}
        urlTransform={urlTransform}
        highlight={false}
      />,
    )
    expect(view.container.querySelector('[data-slot="markdown-fallback"]')).toBeNull()
    expect(view.container.querySelector('a')?.getAttribute('href')).toBe('https://good.example/')
  })
})
