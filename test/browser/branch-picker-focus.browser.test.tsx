import { cleanup } from '@testing-library/react'
import { userEvent } from 'vitest/browser'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { frames, mockWorker, renderChat, until } from './chat-harness.tsx'

const worker = mockWorker({ 'branch-focus': { text: 'An answer.', ttft: 5, tokenDelay: 2 } })

beforeAll(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }))
afterAll(() => worker.stop())
afterEach(cleanup)

/** How far the focus outline of `focused` reaches past its border box: width plus offset. */
function ringReach(focused: HTMLElement) {
  const style = getComputedStyle(focused)
  expect(style.outlineStyle).not.toBe('none')
  return parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset)
}

describe('the branch picker in Chromium', () => {
  test('the focus ring of each arrow clears the "2 / 2" between them', async () => {
    const chat = renderChat('branch-focus')
    await userEvent.click(chat.field)
    await userEvent.keyboard('Hi{Enter}')
    await until(() => chat.answers()[0]?.dataset.status === 'done', 20_000, 'the answer')
    const regenerate = chat.root.querySelector<HTMLButtonElement>(
      '[data-slot="regenerate-button"]',
    )!
    await userEvent.click(regenerate)
    await until(() => chat.answers()[0]?.dataset.status === 'done', 20_000, 'the new answer')
    const findPicker = () => chat.root.querySelector<HTMLElement>('[data-slot="branch-picker"]')
    await until(() => findPicker() !== null, 5_000, 'the picker')
    const picker = findPicker()!
    const previous = picker.querySelector<HTMLButtonElement>(
      '[data-slot="branch-picker-previous"]',
    )!
    const next = picker.querySelector<HTMLButtonElement>('[data-slot="branch-picker-next"]')!
    const position = picker.querySelector<HTMLElement>('[data-slot="branch-picker-position"]')!
    expect(position.textContent).toBe('2 / 2')
    // The glyphs themselves, not the span's min-width box.
    const range = document.createRange()
    range.selectNodeContents(position)
    const text = range.getBoundingClientRect()
    // Keyboard focus on the enabled arrow (at 2 / 2, "next" is disabled and takes no focus:
    // its ring would reach as far, the same rule draws both).
    await userEvent.tab({ shift: true })
    while (document.activeElement !== previous) await userEvent.tab({ shift: true })
    await frames()
    const reach = ringReach(previous)
    expect(previous.getBoundingClientRect().right + reach).toBeLessThanOrEqual(text.left)
    expect(next.getBoundingClientRect().left - reach).toBeGreaterThanOrEqual(text.right)
  })
})
