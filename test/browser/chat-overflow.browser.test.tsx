import { cleanup } from '@testing-library/react'
import { shikiHighlighter } from 'rivulet/highlight'
import { page, userEvent } from 'vitest/browser'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { frames, mockWorker, renderChat, until } from './chat-harness.tsx'

const longUrl = `https://example.com/${'a-very-long-path-segment-'.repeat(12)}end?query=${'x'.repeat(80)}`
const table = [
  `| ${Array.from({ length: 12 }, (_, i) => `Column ${i}`).join(' | ')} |`,
  `|${' --- |'.repeat(12)}`,
  `| ${Array.from({ length: 12 }, (_, i) => `value-${i}-without-spaces`).join(' | ')} |`,
].join('\n')
const code = [
  '```ts',
  `const line = ${JSON.stringify('a long code line that never wraps '.repeat(8))}`,
  '```',
].join('\n')
const wide = ['Links and wide things:', longUrl, `[named](${longUrl})`, table, code].join('\n\n')

const worker = mockWorker({ 'overflow-wide': { text: wide, ttft: 10, tokenDelay: 2 } })

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' })
  await page.viewport(320, 640)
})
afterAll(() => worker.stop())
afterEach(cleanup)

describe('the chat at 320 px, in Chromium', () => {
  test('a long URL, a wide table and a long code line overflow nothing but their own boxes', async () => {
    expect(window.innerWidth).toBe(320)
    const chat = renderChat('overflow-wide', {
      frame: { height: 600 },
      markdown: { highlight: shikiHighlighter },
    })
    await userEvent.click(chat.field)
    await userEvent.keyboard(`${'unbroken'.repeat(20)} ${longUrl}{Enter}`)
    await until(() => chat.answers()[0]?.dataset.status === 'done', 20_000, 'the answer')
    // Wait for the highlighted code block (shiki loads on demand).
    await until(() => chat.root.querySelector('pre span[style]') !== null, 20_000, 'highlight')
    await frames()
    expect(document.scrollingElement!.scrollWidth).toBeLessThanOrEqual(320)
    expect(chat.root.scrollWidth).toBeLessThanOrEqual(chat.root.clientWidth)
    expect(chat.list.scrollWidth).toBeLessThanOrEqual(chat.list.clientWidth)
    // The table and the code scroll inside their own boxes.
    const pre = chat.root.querySelector('pre')!
    expect(pre.scrollWidth).toBeGreaterThan(pre.clientWidth)
    expect(getComputedStyle(pre).overflowX).toBe('auto')
    const tableBox = chat.root.querySelector('table')!
    expect(tableBox.scrollWidth).toBeGreaterThan(tableBox.clientWidth)
    expect(['auto', 'scroll']).toContain(getComputedStyle(tableBox).overflowX)
    // The composer stays inside the viewport.
    expect(chat.send.getBoundingClientRect().right).toBeLessThanOrEqual(320)
  }, 60_000)
})
