import { act, render, screen, waitFor } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { createShikiHighlighter, shikiHighlighter } from 'rivulet/highlight'
import { isValidElement } from 'react'
import { describe, expect, test } from 'vitest'

const highlighted = (container: HTMLElement) => container.querySelector('code[data-highlighted]')

describe('given the opt-in shiki highlighter from rivulet/highlight', () => {
  test('turns a finished code block into tokens coloured for both themes', async () => {
    const { container } = render(
      <StreamingMarkdown
        text={'```ts\nconst answer: number = 42\n```'}
        highlight={shikiHighlighter}
      />,
    )
    await waitFor(() => expect(highlighted(container)).not.toBeNull(), { timeout: 15_000 })
    const code = container.querySelector('code') as HTMLElement
    expect(code.textContent).toBe('const answer: number = 42\n')
    const token = code.querySelector('span[style*="--shiki-light"]') as HTMLElement
    expect(token.style.getPropertyValue('--shiki-dark')).toMatch(/^#/)
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
  }, 20_000)

  test('keeps a highlighted block highlighted while the stream grows and ends', async () => {
    const fence = '```js\nlet x = 1\n```\n\n'
    const view = render(
      <StreamingMarkdown text={`${fence}Then`} streaming highlight={shikiHighlighter} />,
    )
    await waitFor(() => expect(highlighted(view.container)).not.toBeNull(), { timeout: 15_000 })
    const seen: boolean[] = []
    const observer = new MutationObserver(() => seen.push(highlighted(view.container) !== null))
    observer.observe(view.container, { subtree: true, childList: true, attributes: true })
    for (const tail of ['Then some', 'Then some more', 'Then some more text.']) {
      view.rerender(
        <StreamingMarkdown text={fence + tail} streaming highlight={shikiHighlighter} />,
      )
      await act(async () => new Promise((resolve) => setTimeout(resolve, 5)))
    }
    view.rerender(<StreamingMarkdown text={`${fence}Done.`} highlight={shikiHighlighter} />)
    await act(async () => new Promise((resolve) => setTimeout(resolve, 5)))
    observer.disconnect()
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every(Boolean)).toBe(true)
    expect(highlighted(view.container)?.textContent).toBe('let x = 1\n')
  }, 20_000)

  test('falls back to plain-text tokens for an unknown language', async () => {
    const node = await shikiHighlighter('just text', 'no-such-language')
    expect(Array.isArray(node) && node.every((line) => isValidElement(line))).toBe(true)
  }, 20_000)

  test('takes other themes', async () => {
    const highlight = createShikiHighlighter({ themes: { light: 'min-light', dark: 'min-dark' } })
    const { container } = render(
      <StreamingMarkdown text={'```ts\nlet a = 1\n```'} highlight={highlight} />,
    )
    await waitFor(() => expect(highlighted(container)).not.toBeNull(), { timeout: 15_000 })
    const fromDefault = render(
      <StreamingMarkdown text={'```ts\nlet a = 1\n```'} highlight={shikiHighlighter} />,
    )
    await waitFor(() => expect(highlighted(fromDefault.container)).not.toBeNull(), {
      timeout: 15_000,
    })
    const styles = (root: HTMLElement) =>
      [...root.querySelectorAll('code span[style]')].map((span) => span.getAttribute('style'))
    expect(styles(container)).not.toEqual(styles(fromDefault.container))
  }, 20_000)
})
