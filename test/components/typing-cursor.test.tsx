import { render } from '@testing-library/react'
import { TypingCursor } from 'rivulet/components'
import { createRef } from 'react'
import { describe, expect, test } from 'vitest'

describe('given a TypingCursor', () => {
  test('is a span hidden from assistive technology, identified by data-slot', () => {
    const { container } = render(<TypingCursor />)
    const cursor = container.firstElementChild as HTMLElement
    expect(cursor.tagName).toBe('SPAN')
    expect(cursor.getAttribute('aria-hidden')).toBe('true')
    expect(cursor.dataset.slot).toBe('typing-cursor')
    expect(cursor.textContent).toBe('')
  })

  test('forwards its ref and spreads extra props last', () => {
    const ref = createRef<HTMLSpanElement>()
    const { container } = render(
      <TypingCursor ref={ref} className="mine" data-slot="custom-cursor" />,
    )
    expect(ref.current).toBe(container.firstElementChild)
    expect(ref.current?.className).toBe('mine')
    expect(ref.current?.dataset.slot).toBe('custom-cursor')
  })
})
