import { cleanup, render } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { afterEach, describe, expect, test } from 'vitest'
import '../../src/components/styles.css'

afterEach(cleanup)

/** The last non-blank text node before `cursor` in document order, inside `root`. */
function lastTextBefore(root: HTMLElement, cursor: Element): Text | undefined {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  let last: Text | undefined
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (cursor.contains(node)) continue
    if (node.compareDocumentPosition(cursor) & Node.DOCUMENT_POSITION_PRECEDING) break
    if (node.textContent?.trim()) last = node as Text
  }
  return last
}

/** The box of the last visible character of a text node. */
function lastCharRect(node: Text): DOMRect {
  const text = node.data.replace(/\s+$/, '')
  const range = document.createRange()
  range.setStart(node, text.length - 1)
  range.setEnd(node, text.length)
  return range.getBoundingClientRect()
}

describe('given a streaming answer in real Chromium', () => {
  test.each([
    ['a paragraph', 'The answer is forty-two'],
    ['strong text being repaired', 'This is **very importa'],
    ['a list item', '- first\n- second item'],
    ['a nested list item', '1. outer\n   - inner item'],
    ['a table cell', '| name | value |\n| --- | --- |\n| alpha | 12'],
    ['a blockquote', '> quoted words here'],
    ['a heading', '### Section title'],
    ['a code fence', '```ts\nconst answer = 42\n'],
    ['an indented code block', 'Code:\n\n    let x = 1\n'],
    ['CJK text', '这是一个流式渲染的例子'],
  ])('the cursor sits right after the last visible character in %s', (_, text) => {
    const { container } = render(
      <div style={{ width: '480px', font: '16px/1.5 sans-serif' }}>
        <StreamingMarkdown text={text} streaming highlight={false} />
      </div>,
    )
    const cursor = container.querySelector('[data-slot="typing-cursor"]')
    expect(cursor).not.toBeNull()
    const cursorRect = (cursor as Element).getBoundingClientRect()
    expect(cursorRect.width).toBeGreaterThan(0)
    const last = lastTextBefore(container, cursor as Element)
    expect(last).toBeDefined()
    const charRect = lastCharRect(last as Text)
    // Same line: the boxes overlap vertically; right after it: within a couple of pixels.
    expect(cursorRect.top).toBeLessThan(charRect.bottom)
    expect(cursorRect.bottom).toBeGreaterThan(charRect.top)
    expect(Math.abs(cursorRect.left - charRect.right)).toBeLessThan(3)
  })

  test('the cursor blinks, and stops blinking under prefers-reduced-motion', () => {
    const { container } = render(<StreamingMarkdown text="x" streaming />)
    const cursor = container.querySelector('[data-slot="typing-cursor"]') as Element
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches
    expect(getComputedStyle(cursor).animationName).toBe(reduced ? 'none' : 'rivulet-cursor-blink')
  })

  test('the stylesheet turns the blink off under prefers-reduced-motion', () => {
    const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
    const reduced = rules.filter(
      (rule): rule is CSSMediaRule =>
        rule instanceof CSSMediaRule &&
        rule.conditionText.includes('prefers-reduced-motion: reduce'),
    )
    const cursorRules = reduced
      .flatMap((media) => [...media.cssRules])
      .filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule)
      .filter((rule) => rule.selectorText.includes('typing-cursor'))
    expect(cursorRules.map((rule) => rule.style.animationName)).toEqual(['none'])
  })

  test('the cursor character and colour come from CSS variables', () => {
    const { container } = render(
      <div
        style={{
          ['--rivulet-cursor-char' as string]: '"_"',
          ['--rivulet-cursor-color' as string]: 'rgb(255, 0, 0)',
        }}
      >
        <StreamingMarkdown text="x" streaming />
      </div>,
    )
    const cursor = container.querySelector('[data-slot="typing-cursor"]') as Element
    expect(getComputedStyle(cursor, '::before').content).toBe('"_"')
    expect(getComputedStyle(cursor).color).toBe('rgb(255, 0, 0)')
  })
})
