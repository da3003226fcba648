import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { Chat, Message, Reasoning } from 'rivulet/components'
import type { ChatMessage } from 'rivulet/core'
import { useChat } from 'rivulet/react'
import { describe, expect, test, vi } from 'vitest'
import { PartsChat } from './parts-harness.tsx'
import { mockAnswers } from '../../helpers/mock-answers.ts'
import { scriptedFetch } from '../../helpers/scripted-fetch.ts'

const long = { timeout: 5_000 }

function answerArticle() {
  return screen.getAllByRole('article', { name: 'Assistant' }).at(-1)!
}

describe('given a reasoning model answer', () => {
  test('the reasoning is open under "Thinking…" while the model thinks, then collapses to "Thought for N s"', async () => {
    const { fetch } = scriptedFetch(
      mockAnswers(() => ({
        format: 'openai-chat',
        reasoning: 'The user asks about rivers. A river is a large natural stream.',
        text: 'A river is a large natural stream of water.',
        tokenDelay: 15,
      })),
    )
    const seen: { state: string | null; open: boolean; summary: string }[] = []
    const observer = new MutationObserver(() => {
      const details = document.querySelector<HTMLDetailsElement>('[data-slot="reasoning"]')
      if (!details) return
      seen.push({
        state: details.getAttribute('data-state'),
        open: details.open,
        summary: details.querySelector('summary')?.textContent ?? '',
      })
    })
    observer.observe(document.body, { subtree: true, childList: true, attributes: true })
    render(<PartsChat options={{ format: 'openai-chat', fetch, initialMessages: [] }} />)
    const field = screen.getByRole('textbox', { name: 'Message' })
    fireEvent.change(field, { target: { value: 'What is a river?' } })
    fireEvent.submit(field.closest('form')!)

    await waitFor(() => expect(answerArticle().getAttribute('data-status')).toBe('done'), long)
    observer.disconnect()
    const thinking = seen.filter((s) => s.state === 'thinking')
    expect(thinking.length).toBeGreaterThan(0)
    expect(thinking.every((s) => s.open && s.summary === 'Thinking…')).toBe(true)

    const details = answerArticle().querySelector<HTMLDetailsElement>('[data-slot="reasoning"]')!
    expect(details.getAttribute('data-state')).toBe('done')
    expect(details.open).toBe(false)
    expect(details.querySelector('summary')?.textContent).toMatch(/^Thought for \d+ s$/)
    expect(details.textContent).toContain('A river is a large natural stream.')
    // The reasoning comes before the answer's text, which is a sibling of it, not inside.
    const content = answerArticle().querySelector('[data-slot="message-content"]')!
    expect(content.firstElementChild).toBe(details)
    expect(
      content.querySelector(':scope > [data-slot="streaming-markdown"]')?.textContent,
    ).toContain('A river is a large natural stream of water.')
  })

  test('while it thinks the pending dots give way to the reasoning, and the announcement reads only the answer', async () => {
    const { fetch } = scriptedFetch(
      mockAnswers(() => ({
        format: 'openai-chat',
        reasoning: 'Thinking hard about this one.',
        text: 'Done thinking.',
        tokenDelay: 15,
      })),
    )
    const pendingWithReasoning: boolean[] = []
    const observer = new MutationObserver(() => {
      const reasoning = document.querySelector('[data-slot="reasoning"]')
      const pending = document.querySelector('[data-slot="message-status"][data-state="pending"]')
      if (reasoning) pendingWithReasoning.push(pending !== null)
    })
    observer.observe(document.body, { subtree: true, childList: true, attributes: true })
    const { container } = render(<PartsChat options={{ format: 'openai-chat', fetch }} />)
    const field = screen.getByRole('textbox', { name: 'Message' })
    fireEvent.change(field, { target: { value: 'Think' } })
    fireEvent.submit(field.closest('form')!)
    await waitFor(() => expect(answerArticle().getAttribute('data-status')).toBe('done'), long)
    observer.disconnect()
    expect(pendingWithReasoning.length).toBeGreaterThan(0)
    expect(pendingWithReasoning).not.toContain(true)
    const live = container.querySelector('[data-slot="live-region"]')!
    await waitFor(() => expect(live.textContent).toBe('Answer: Done thinking.'))
  })
})

describe('given an answer from history', () => {
  const history: ChatMessage[] = [
    { id: 'u1', role: 'user', content: 'Hi' },
    {
      id: 'a1',
      role: 'assistant',
      content: 'Hello!',
      status: 'done',
      parts: [
        { type: 'reasoning', text: 'A greeting: greet back.' },
        { type: 'reasoning', text: '', redacted: true, data: 'opaque-bytes' },
        { type: 'text', text: 'Hello!' },
      ],
    },
  ]

  function History() {
    const chat = useChat({ url: '/api/chat', initialMessages: history })
    return <Chat value={chat} />
  }

  test('its reasoning is closed under "Reasoning" (no time was seen) and opens from its summary', () => {
    render(<History />)
    const details = answerArticle().querySelector<HTMLDetailsElement>('[data-slot="reasoning"]')!
    const summary = within(details).getByText('Reasoning')
    expect(summary.tagName).toBe('SUMMARY')
    expect(details.open).toBe(false)
    fireEvent.click(summary)
    expect(details.open).toBe(true)
  })

  test('redacted reasoning is never displayed', () => {
    render(<History />)
    expect(answerArticle().querySelectorAll('[data-slot="reasoning"]')).toHaveLength(1)
    expect(answerArticle().textContent).not.toContain('opaque-bytes')
  })

  test('Reasoning takes its labels from Chat, its props last, and its ref', () => {
    function Labelled() {
      const chat = useChat({ url: '/api/chat', initialMessages: history })
      return (
        <Chat value={chat} labels={{ thoughtFor: () => 'Réflexion' }}>
          <Message message={history[1]!}>
            <Reasoning
              part={{ type: 'reasoning', text: 'x' }}
              className="mine"
              data-slot="mine"
              ref={(node) => void (node && node.setAttribute('data-ref', ''))}
            />
          </Message>
        </Chat>
      )
    }
    render(<Labelled />)
    const details = document.querySelector('details.mine')!
    expect(details.getAttribute('data-slot')).toBe('mine')
    expect(details.hasAttribute('data-ref')).toBe(true)
    expect(details.querySelector('summary')?.textContent).toBe('Réflexion')
  })

  test('Reasoning outside Chat throws a message naming the part and the root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<Reasoning part={{ type: 'reasoning', text: 'x' }} />)).toThrow(
      '`Reasoning` must be used within `Chat`',
    )
    vi.restoreAllMocks()
  })
})
