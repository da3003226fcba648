import { cleanup } from '@testing-library/react'
import { userEvent } from 'vitest/browser'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { frames, mockWorker, renderChat, until } from './chat-harness.tsx'

const lines = Array.from({ length: 160 }, (_, i) => `Line ${i} of a long answer.`)
const worker = mockWorker({
  'scroll-long': { text: lines.join('\n\n'), ttft: 20, tokenDelay: 12 },
})

beforeAll(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }))
afterAll(() => worker.stop())
afterEach(cleanup)

const toEnd = (list: HTMLElement) => list.scrollHeight - list.scrollTop - list.clientHeight

describe('the message list’s scrolling, in Chromium', () => {
  test('follows at the bottom, stops when scrolled up mid-stream, resumes at “Jump to latest”', async () => {
    const chat = renderChat('scroll-long', { frame: { height: 320 } })
    const jump = chat.root.querySelector<HTMLButtonElement>('[data-slot="jump-to-latest"]')!
    expect(jump.hidden).toBe(true)
    await userEvent.click(chat.field)
    await userEvent.keyboard('A long answer please{Enter}')
    const answer = () => chat.answers()[0]?.textContent ?? ''

    // While the reader is at the bottom, the list follows the growing answer.
    await until(() => chat.list.scrollHeight > chat.list.clientHeight * 2, 20_000, 'growth')
    for (let i = 0; i < 5; i++) {
      await frames()
      expect(toEnd(chat.list)).toBeLessThanOrEqual(24)
    }
    expect(chat.list.hasAttribute('data-following')).toBe(true)

    // The reader scrolls up mid-stream: following stops and the list stays where they are.
    expect(chat.answers()[0]!.dataset.status).toBe('streaming')
    await userEvent.wheel(chat.list, { delta: { y: -300 } })
    await until(() => jump.hidden === false, 2_000, 'jump to latest')
    expect(chat.list.hasAttribute('data-following')).toBe(false)
    expect(jump.getBoundingClientRect().height).toBeGreaterThan(0)
    // Let the wheel's own scrolling come to rest, then the position must hold while it grows.
    let rest = -1
    await until(
      () => {
        const settledAt = rest === chat.list.scrollTop
        rest = chat.list.scrollTop
        return settledAt
      },
      2_000,
      'the wheel to settle',
    )
    const grownFrom = answer().length
    await until(() => answer().length > grownFrom + 100, 20_000, 'more tokens')
    await frames()
    expect(Math.abs(chat.list.scrollTop - rest)).toBeLessThanOrEqual(2)
    expect(toEnd(chat.list)).toBeGreaterThan(100)
    expect(chat.answers()[0]!.dataset.status).toBe('streaming')

    // "Jump to latest" brings the end back and follows again while the answer keeps growing.
    await userEvent.click(jump)
    await until(() => toEnd(chat.list) <= 24, 5_000, 'back at the end')
    expect(jump.hidden).toBe(true)
    // The button it clicked is gone: focus went to the composer, not to <body>.
    expect(document.activeElement).toBe(chat.field)
    const resumedAt = answer().length
    await until(() => answer().length > resumedAt + 100, 20_000, 'more tokens')
    await frames()
    expect(toEnd(chat.list)).toBeLessThanOrEqual(24)
    await until(() => chat.answers()[0]?.dataset.status === 'done', 30_000, 'done')
    await frames()
    expect(toEnd(chat.list)).toBeLessThanOrEqual(24)

    // With nothing streaming, "Jump to latest" scrolls back by itself.
    await userEvent.wheel(chat.list, { delta: { y: -600 } })
    await until(() => jump.hidden === false, 2_000, 'jump to latest after the answer')
    await userEvent.click(jump)
    await until(() => toEnd(chat.list) <= 24, 5_000, 'back at the end after the answer')
  }, 60_000)

  test('dragging the scroll bar up mid-stream (scrollTop set) also stops following at once', async () => {
    const chat = renderChat('scroll-long', { frame: { height: 320 } })
    const jump = chat.root.querySelector<HTMLButtonElement>('[data-slot="jump-to-latest"]')!
    await userEvent.click(chat.field)
    await userEvent.keyboard('Again please{Enter}')
    const answer = () => chat.answers()[0]?.textContent ?? ''
    await until(() => chat.list.scrollHeight > chat.list.clientHeight * 2, 20_000, 'growth')
    chat.list.scrollTop = 40
    await until(() => jump.hidden === false, 2_000, 'jump to latest')
    const grownFrom = answer().length
    await until(() => answer().length > grownFrom + 100, 20_000, 'more tokens')
    await frames()
    expect(chat.list.scrollTop).toBe(40)
    await userEvent.click(chat.send)
  }, 60_000)
})
