import { act, render, screen } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'

describe('given a code block and no highlighter (the default)', () => {
  test('renders plain code with its language label and copy button, and stays plain', async () => {
    const { container } = render(<StreamingMarkdown text={'```ts\nconst a = 1\n```'} />)
    expect(screen.getByText('ts')).toHaveProperty('dataset.slot', 'code-block-language')
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
    await act(async () => new Promise((resolve) => setTimeout(resolve, 50)))
    const code = container.querySelector('pre > code') as HTMLElement
    expect(code.className).toBe('language-ts')
    expect(code.hasAttribute('data-highlighted')).toBe(false)
    expect(code.children).toHaveLength(0)
    expect(code.textContent).toBe('const a = 1')
  })

  test('labels a block without a language as text', () => {
    render(<StreamingMarkdown text={'    indented code\n'} />)
    expect(screen.getByText('text')).toHaveProperty('dataset.slot', 'code-block-language')
  })
})
