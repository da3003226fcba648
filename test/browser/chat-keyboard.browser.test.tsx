import { cleanup } from '@testing-library/react'
import { userEvent } from 'vitest/browser'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { mockWorker, renderChat, until } from './chat-harness.tsx'

const answer = 'Here is the answer, with a few words to stream.'
const slow = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ')
const worker = mockWorker({
  'kb-answer': { text: answer, ttft: 20, tokenDelay: 5 },
  'kb-slow': { text: slow, ttft: 20, tokenDelay: 40 },
})

beforeAll(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }))
afterAll(() => worker.stop())
afterEach(cleanup)

/** The accessible name of the focused element, as the Tab order test reads it. */
function focused(): string {
  const element = document.activeElement as HTMLElement | null
  if (!element || element === document.body) return 'body'
  const slot = element.getAttribute('data-slot') ?? element.tagName.toLowerCase()
  const name = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? ''
  return `${slot}:${name}`
}

describe('the chat from the keyboard, in Chromium', { timeout: 60_000 }, () => {
  test('Enter sends, focus stays in the composer, Shift+Enter inserts a newline', async () => {
    const chat = renderChat('kb-answer')
    await userEvent.click(chat.field)
    await userEvent.keyboard('first line{Shift>}{Enter}{/Shift}second line')
    expect(chat.field.value).toBe('first line\nsecond line')
    expect(chat.questions()).toHaveLength(0)
    await userEvent.keyboard('{Enter}')
    await until(() => chat.questions().length === 1, 5_000, 'the question')
    expect(chat.questions()[0]!.textContent).toContain('first line\nsecond line')
    expect(chat.field.value).toBe('')
    expect(document.activeElement).toBe(chat.field)
    await until(() => chat.answers()[0]?.dataset.status === 'done', 20_000, 'the answer')
    expect(chat.answers()[0]!.textContent).toContain(answer)
    expect(document.activeElement).toBe(chat.field)
  })

  test('an Enter that confirms an IME composition does not send', async () => {
    const chat = renderChat('kb-answer')
    await userEvent.click(chat.field)
    await userEvent.keyboard('kanji')
    // What Chromium sends while a Japanese IME is open: compositionstart, then the confirming
    // Enter as a keydown with isComposing (keyCode 229), then compositionend.
    chat.field.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }))
    const confirm = new KeyboardEvent('keydown', {
      key: 'Enter',
      code: 'Enter',
      keyCode: 229,
      isComposing: true,
      bubbles: true,
      cancelable: true,
    })
    chat.field.dispatchEvent(confirm)
    chat.field.dispatchEvent(
      new CompositionEvent('compositionend', { bubbles: true, data: '漢字' }),
    )
    expect(confirm.defaultPrevented).toBe(false)
    // Safari's order: compositionend first, then the confirming keydown (keyCode 229).
    chat.field.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }))
    chat.field.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '字' }))
    const late = new KeyboardEvent('keydown', {
      key: 'Enter',
      keyCode: 229,
      bubbles: true,
      cancelable: true,
    })
    chat.field.dispatchEvent(late)
    expect(late.defaultPrevented).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(chat.questions()).toHaveLength(0)
    expect(chat.field.value).toBe('kanji')
    // Once the composition is over, Enter sends.
    await userEvent.keyboard('{Enter}')
    await until(() => chat.questions().length === 1, 5_000, 'the question')
  })

  test('Escape stops a streaming answer: partial text kept, "Stopped" shown, focus in the composer', async () => {
    const chat = renderChat('kb-slow')
    await userEvent.click(chat.field)
    await userEvent.keyboard('Tell me a long story{Enter}')
    await until(() => (chat.answers()[0]?.textContent ?? '').includes('word3'), 15_000, 'tokens')
    // Move focus away from the field (to the conversation), then Escape there.
    chat.list.focus()
    await userEvent.keyboard('{Escape}')
    const answerEl = chat.answers()[0]!
    await until(() => answerEl.dataset.status === 'aborted', 5_000, 'aborted')
    const kept = answerEl.querySelector('[data-slot="message-content"]')!.textContent!
    expect(kept).toMatch(/^word0 word1 word2 word3/)
    expect(kept).not.toContain('word199')
    expect(answerEl.textContent).toContain('Stopped')
    expect(answerEl.getAttribute('aria-busy')).toBeNull()
    expect(document.activeElement).toBe(chat.field)
    // Nothing more arrives after the stop.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(answerEl.querySelector('[data-slot="message-content"]')!.textContent).toBe(kept)
  })

  test('the Stop button keeps the partial answer and puts focus back in the composer, not on body', async () => {
    const chat = renderChat('kb-slow')
    await userEvent.click(chat.field)
    await userEvent.keyboard('Another long one{Enter}')
    await until(() => (chat.answers()[0]?.textContent ?? '').includes('word2'), 15_000, 'tokens')
    expect(chat.send.getAttribute('aria-label')).toBe('Stop')
    await userEvent.click(chat.send)
    await until(() => chat.answers()[0]?.dataset.status === 'aborted', 5_000, 'aborted')
    expect(document.activeElement).toBe(chat.field)
    expect(document.activeElement).not.toBe(document.body)
    expect(chat.answers()[0]!.textContent).toContain('word2')
  })

  test('Tab order: conversation, each message’s actions in reading order, the field, Send', async () => {
    const chat = renderChat('kb-answer')
    await userEvent.click(chat.field)
    await userEvent.keyboard('One question{Enter}')
    await until(() => chat.answers()[0]?.dataset.status === 'done', 20_000, 'the answer')
    await userEvent.keyboard('a draft')
    // Start before the chat and walk through it.
    const before = document.createElement('button')
    before.textContent = 'before'
    chat.container.prepend(before)
    before.focus()
    const order: string[] = []
    for (let i = 0; i < 7; i++) {
      await userEvent.tab()
      order.push(focused())
    }
    expect(order).toEqual([
      'message-list:Conversation',
      'edit-message-button:Edit',
      'copy-message-button:Copy',
      'regenerate-button:Regenerate',
      'composer-input:Message',
      'send-button:Send',
      'body',
    ])
    // And back again with Shift+Tab, from past the chat to its start.
    const back: string[] = []
    for (let i = 0; i < 6; i++) {
      await userEvent.tab({ shift: true })
      back.push(focused())
    }
    expect(back).toEqual(order.slice(0, 6).reverse())
  })
})
