import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { BranchPicker } from 'rivulet/components'
import { describe, expect, test, vi } from 'vitest'
import { PartsChat } from './parts-harness.tsx'
import { mockAnswers } from '../../helpers/mock-answers.ts'
import { scriptedFetch, type RecordedRequest } from '../../helpers/scripted-fetch.ts'

const long = { timeout: 8_000 }
const answers = () => screen.getAllByRole('article', { name: 'Assistant' })
const lastAnswer = () => answers().at(-1)!
const settled = () =>
  waitFor(() => expect(lastAnswer().getAttribute('data-status')).toBe('done'), long)

/** Answer n (1-based, per request) says which it is. */
const numbered = () =>
  scriptedFetch(
    mockAnswers((call) => ({ format: 'openai-chat', text: `Answer ${call + 1}.`, tokenDelay: 2 })),
  )

function ask(question: string) {
  const field = screen.getByRole('textbox', { name: 'Message' })
  fireEvent.change(field, { target: { value: question } })
  fireEvent.submit(field.closest('form')!)
}

const sentPath = (request: RecordedRequest) =>
  (request.json as { messages: { role: string; content: unknown }[] }).messages.map(
    (m) => `${m.role}: ${String(m.content)}`,
  )

describe('given an answer regenerated twice', () => {
  test('the picker reads "3 / 3", switches with its buttons and the keyboard, keeps the focus, says where the reader is, and the next request holds the visible path', async () => {
    const { fetch, requests } = numbered()
    const user = userEvent.setup()
    render(<PartsChat options={{ format: 'openai-chat', fetch }} />)
    ask('Name a river')
    await settled()
    expect(screen.queryByRole('group', { name: /^Answer \d of \d$/ })).toBeNull()
    for (const _ of [1, 2]) {
      fireEvent.click(within(lastAnswer()).getByRole('button', { name: 'Regenerate' }))
      await waitFor(() => expect(lastAnswer().getAttribute('data-status')).toBe('streaming'))
      await settled()
    }
    expect(lastAnswer().textContent).toContain('Answer 3.')
    let picker = within(lastAnswer()).getByRole('group', { name: 'Answer 3 of 3' })
    expect(picker.querySelector('[data-slot="branch-picker-position"]')?.textContent).toBe('3 / 3')
    const next = within(picker).getByRole('button', { name: 'Next version' }) as HTMLButtonElement
    expect(next.disabled).toBe(true)

    // Mouse: previous.
    await user.click(within(picker).getByRole('button', { name: 'Previous version' }))
    await waitFor(() => expect(lastAnswer().textContent).toContain('Answer 2.'))
    picker = within(lastAnswer()).getByRole('group', { name: 'Answer 2 of 3' })
    const previous = within(picker).getByRole('button', { name: 'Previous version' })
    await waitFor(() => expect(document.activeElement).toBe(previous))
    await waitFor(() =>
      expect(within(picker).getByRole('status').textContent).toBe('Answer 2 of 3'),
    )

    // Keyboard: Enter on the focused previous button reaches the first answer; previous is
    // then disabled, so the focus moves to next.
    await user.keyboard('{Enter}')
    await waitFor(() => expect(lastAnswer().textContent).toContain('Answer 1.'))
    picker = within(lastAnswer()).getByRole('group', { name: 'Answer 1 of 3' })
    expect(
      (within(picker).getByRole('button', { name: 'Previous version' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true)
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(picker).getByRole('button', { name: 'Next version' }),
      ),
    )
    await waitFor(() =>
      expect(within(picker).getByRole('status').textContent).toBe('Answer 1 of 3'),
    )

    // A follow-up question is sent with the visible path only.
    ask('Is it long?')
    await settled()
    expect(sentPath(requests.at(-1)!)).toEqual([
      'user: Name a river',
      'assistant: Answer 1.',
      'user: Is it long?',
    ])
    // Switching the first answer again hides the follow-up turn that belongs to answer 1.
    await user.click(within(answers()[0]!).getByRole('button', { name: 'Next version' }))
    await waitFor(() => expect(answers()).toHaveLength(1))
    expect(lastAnswer().textContent).toContain('Answer 2.')
  })
})

describe('given an edited question', () => {
  test('the question gets a picker of its own, and the request after a switch back holds the old question', async () => {
    const { fetch, requests } = numbered()
    render(<PartsChat options={{ format: 'openai-chat', fetch }} />)
    ask('Name a river')
    await settled()
    const question = screen.getByRole('article', { name: 'You' })
    fireEvent.click(within(question).getByRole('button', { name: 'Edit' }))
    const editor = within(question).getByRole('textbox')
    fireEvent.change(editor, { target: { value: 'Name a lake' } })
    fireEvent.click(within(question).getByRole('button', { name: 'Save and send' }))
    await waitFor(() => expect(requests).toHaveLength(2))
    await settled()
    const asked = () => screen.getByRole('article', { name: 'You' })
    const picker = within(asked()).getByRole('group', { name: 'Message 2 of 2' })
    await act(async () => {
      fireEvent.click(within(picker).getByRole('button', { name: 'Previous version' }))
    })
    await waitFor(() => expect(asked().textContent).toContain('Name a river'))
    expect(lastAnswer().textContent).toContain('Answer 1.')
    fireEvent.click(within(lastAnswer()).getByRole('button', { name: 'Regenerate' }))
    await waitFor(() => expect(requests).toHaveLength(3))
    expect(sentPath(requests[2]!)).toEqual(['user: Name a river'])
  })
})

describe('given a BranchPicker outside Chat', () => {
  test('it throws a message naming the part and the root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<BranchPicker />)).toThrow('`BranchPicker` must be used within `Chat`')
    vi.restoreAllMocks()
  })
})
