import { render, screen, waitFor } from '@testing-library/react'
import { StreamingMarkdown, shikiHighlighter } from 'rivulet/components'
import { isValidElement } from 'react'
import { describe, expect, test } from 'vitest'

describe('given the default highlighter (shiki, loaded on demand)', () => {
  test('turns a finished code block into coloured tokens', async () => {
    const { container } = render(
      <StreamingMarkdown text={'```ts\nconst answer: number = 42\n```'} />,
    )
    await waitFor(() => expect(container.querySelector('code[data-highlighted]')).not.toBeNull(), {
      timeout: 15_000,
    })
    const code = container.querySelector('code') as HTMLElement
    expect(code.textContent).toBe('const answer: number = 42\n')
    expect(code.querySelector('span[style*="--shiki-light"]')).not.toBeNull()
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
  }, 20_000)

  test('falls back to plain text highlighting for an unknown language', async () => {
    const node = await shikiHighlighter('just text', 'no-such-language')
    expect(Array.isArray(node) && node.every((line) => isValidElement(line))).toBe(true)
  }, 20_000)
})
