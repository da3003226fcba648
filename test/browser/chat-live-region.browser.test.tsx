import { cleanup } from '@testing-library/react'
import { userEvent } from 'vitest/browser'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { mockWorker, renderChat, until } from './chat-harness.tsx'

const worker = mockWorker({
  'live-answer': (info) => ({
    text: `**Answer ${info.call + 1}** to “${info.prompt}”, streamed in several small tokens.`,
    ttft: 30,
    tokenDelay: 8,
  }),
})

beforeAll(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }))
afterAll(() => worker.stop())
afterEach(cleanup)

describe('the chat’s live region, in Chromium', { timeout: 60_000 }, () => {
  test('announces each finished answer exactly once over a three-turn chat, never a token', async () => {
    const chat = renderChat('live-answer')
    // Every text the region ever held, in order (one entry per change a screen reader sees).
    const heard: string[] = []
    let last = chat.live.textContent ?? ''
    const observer = new MutationObserver(() => {
      const text = chat.live.textContent ?? ''
      if (text !== last && text.trim() !== '') heard.push(text)
      last = text
    })
    observer.observe(chat.live, { childList: true, subtree: true, characterData: true })
    // Nothing streaming is itself a live region.
    expect(chat.root.querySelectorAll('[aria-live]')).toHaveLength(1)

    await userEvent.click(chat.field)
    const questions = ['What is a rivulet?', 'And a river?', 'Which is longer?']
    for (const [turn, question] of questions.entries()) {
      await userEvent.keyboard(`${question}{Enter}`)
      await until(() => chat.answers()[turn]?.dataset.status === 'done', 20_000, `answer ${turn}`)
      // The streaming answer was never itself announced.
      expect(chat.answers()[turn]!.closest('[aria-live]')).toBeNull()
      await until(() => heard.length >= turn + 1, 5_000, `announcement ${turn}`)
    }
    // Settle: any late or repeated announcement would show up here.
    await new Promise((resolve) => setTimeout(resolve, 500))
    observer.disconnect()
    expect(heard).toEqual([
      'Answer: Answer 1 to “What is a rivulet?”, streamed in several small tokens.',
      'Answer: Answer 2 to “And a river?”, streamed in several small tokens.',
      'Answer: Answer 3 to “Which is longer?”, streamed in several small tokens.',
    ])
  })
})
