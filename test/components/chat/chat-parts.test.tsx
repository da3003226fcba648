import { act, fireEvent, render, screen } from '@testing-library/react'
import { createRef } from 'react'
import type { ChatMessage } from 'rivulet/core'
import {
  Chat,
  Composer,
  ErrorNotice,
  Message,
  MessageList,
  RegenerateButton,
  StopButton,
} from 'rivulet/components'
import { StreamError } from 'rivulet/core'
import type { UseChatResult } from 'rivulet/react'
import { describe, expect, test, vi } from 'vitest'

function fakeChat(overrides: Partial<UseChatResult> = {}): UseChatResult {
  return {
    messages: [],
    status: 'idle',
    isLoading: false,
    send: vi.fn(async () => {}),
    stop: vi.fn(),
    regenerate: vi.fn(async () => {}),
    edit: vi.fn(async () => {}),
    retry: vi.fn(async () => {}),
    setMessages: vi.fn(),
    reset: vi.fn(),
    addToolResult: vi.fn(),
    switchBranch: vi.fn(),
    ...overrides,
  }
}

const user: ChatMessage = { id: 'u1', role: 'user', content: 'first line\nsecond line' }
const answer: ChatMessage = {
  id: 'a1',
  role: 'assistant',
  content: '# Title\n\nSome **bold** text',
  status: 'done',
}

describe('given a part outside Chat', () => {
  test.each([
    ['MessageList', () => <MessageList />],
    ['Composer', () => <Composer />],
    ['StopButton', () => <StopButton />],
    ['RegenerateButton', () => <RegenerateButton />],
    ['Message', () => <Message message={user} />],
    ['ErrorNotice', () => <ErrorNotice />],
  ])('%s throws a message naming the part and the root', (name, make) => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(make())).toThrow(`\`${name}\` must be used within \`Chat\``)
    vi.restoreAllMocks()
  })
})

describe('given a chat with a question and an answer', () => {
  const chat = () => fakeChat({ messages: [user, answer], status: 'done' })

  test('the root, list and messages publish their slots, roles and statuses', () => {
    const { container } = render(<Chat value={chat()} />)
    expect(container.querySelector('[data-slot="chat"]')?.getAttribute('data-status')).toBe('done')
    const articles = screen.getAllByRole('article')
    expect(articles.map((a) => a.getAttribute('data-role'))).toEqual(['user', 'assistant'])
    expect(articles[1]?.getAttribute('data-status')).toBe('done')
    expect(screen.getByRole('region', { name: 'Conversation' })?.getAttribute('data-slot')).toBe(
      'message-list',
    )
  })

  test('a user message keeps its line breaks and is not parsed as markdown', () => {
    render(<Chat value={chat()} />)
    const text = screen
      .getByRole('article', { name: 'You' })
      .querySelector('[data-slot="message-text"]')
    expect(text?.textContent).toBe('first line\nsecond line')
  })

  test('an answer renders as markdown', () => {
    render(<Chat value={chat()} />)
    expect(screen.getByRole('heading', { name: 'Title' })).toBeTruthy()
    expect(screen.getByText('bold').tagName).toBe('STRONG')
  })

  test('labels replace every visible string', () => {
    render(
      <Chat
        value={chat()}
        labels={{
          user: 'Du',
          assistant: 'Assistent',
          composerLabel: 'Nachricht',
          send: 'Senden',
          regenerate: 'Neu',
        }}
      />,
    )
    expect(screen.getByRole('article', { name: 'Du' })).toBeTruthy()
    expect(screen.getByRole('article', { name: 'Assistent' })).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'Nachricht' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Senden' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Neu' })).toBeTruthy()
  })

  test('regenerate in an answer regenerates that answer', () => {
    const value = chat()
    render(<Chat value={value} />)
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    expect(value.regenerate).toHaveBeenCalledWith('a1')
  })

  test('edit in place resends the new text with edit', () => {
    const value = chat()
    render(<Chat value={value} />)
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }))
    const field = screen.getByRole('textbox', { name: 'Edit your message' })
    fireEvent.change(field, { target: { value: 'a better question' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save and send' }))
    expect(value.edit).toHaveBeenCalledWith('u1', 'a better question')
  })
})

describe('given the composer', () => {
  function setup(overrides: Partial<UseChatResult> = {}) {
    const value = fakeChat(overrides)
    render(<Chat value={value} />)
    return { value, field: screen.getByRole('textbox', { name: 'Message' }) }
  }

  test('Enter sends the draft and clears the field', () => {
    const { value, field } = setup()
    fireEvent.change(field, { target: { value: 'Hello' } })
    fireEvent.keyDown(field, { key: 'Enter' })
    expect(value.send).toHaveBeenCalledWith('Hello')
    expect((field as HTMLTextAreaElement).value).toBe('')
  })

  test('Shift+Enter does not send', () => {
    const { value, field } = setup()
    fireEvent.change(field, { target: { value: 'Hello' } })
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true })
    expect(value.send).not.toHaveBeenCalled()
  })

  test('an Enter that confirms an IME composition does not send', () => {
    const { value, field } = setup()
    fireEvent.change(field, { target: { value: 'にほんご' } })
    fireEvent.keyDown(field, { key: 'Enter', isComposing: true })
    fireEvent.keyDown(field, { key: 'Enter', keyCode: 229 })
    expect(value.send).not.toHaveBeenCalled()
  })

  test('an empty draft is not sent and its Send button is disabled', () => {
    const { value, field } = setup()
    fireEvent.keyDown(field, { key: 'Enter' })
    expect(value.send).not.toHaveBeenCalled()
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true)
  })

  test('while an answer streams, typing works, Enter does not send, and the button stops', () => {
    const { value, field } = setup({ status: 'streaming', isLoading: true })
    fireEvent.change(field, { target: { value: 'next question' } })
    expect((field as HTMLTextAreaElement).value).toBe('next question')
    fireEvent.keyDown(field, { key: 'Enter' })
    expect(value.send).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }))
    expect(value.stop).toHaveBeenCalledTimes(1)
    expect(document.activeElement).toBe(field)
  })

  test('Escape in the chat stops a streaming answer', () => {
    const { value, field } = setup({ status: 'streaming', isLoading: true })
    fireEvent.keyDown(field, { key: 'Escape' })
    expect(value.stop).toHaveBeenCalledTimes(1)
  })

  test('Escape while idle stops nothing', () => {
    const { value, field } = setup()
    fireEvent.keyDown(field, { key: 'Escape' })
    expect(value.stop).not.toHaveBeenCalled()
  })
})

describe('given Radix-style parts', () => {
  test('asChild renders onto the child, composing handlers, and refs are forwarded', () => {
    const value = fakeChat({ status: 'streaming', isLoading: true })
    const ref = createRef<HTMLButtonElement>()
    const mine = vi.fn()
    render(
      <Chat value={value}>
        <StopButton asChild ref={ref}>
          <a href="#stop" onClick={mine}>
            halt
          </a>
        </StopButton>
      </Chat>,
    )
    const link = screen.getByRole('link', { name: 'halt' })
    expect(link?.getAttribute('data-slot')).toBe('stop-button')
    expect(ref.current).toBe(link)
    fireEvent.click(link)
    expect(mine).toHaveBeenCalled()
    expect(value.stop).toHaveBeenCalled()
  })

  test("a handler that prevents default vetoes the part's own behaviour", () => {
    const value = fakeChat({ status: 'streaming', isLoading: true })
    render(
      <Chat value={value}>
        <StopButton onClick={(event) => event.preventDefault()} />
      </Chat>,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }))
    expect(value.stop).not.toHaveBeenCalled()
  })
})

describe('given a failed answer', () => {
  test.each([
    [new StreamError('http', 'HTTP 429', { status: 429 }), /Too many requests/],
    [
      new StreamError('http', 'HTTP 500', { status: 500 }),
      /server ran into a problem \(error 500\)/,
    ],
    [new StreamError('http', 'HTTP 401', { status: 401 }), /not authorised/],
    [new StreamError('network', 'fetch failed'), /connection was lost/],
    [new StreamError('truncated', 'openai-chat: no [DONE]'), /cut off/],
    [new StreamError('provider', 'overloaded'), /provider could not complete/],
    [new StreamError('parse', 'bad json'), /could not be read/],
  ])('%s is explained in a sentence, with Retry, and the partial text stays', (error, sentence) => {
    const failed: ChatMessage = {
      id: 'a1',
      role: 'assistant',
      content: 'Partial answer',
      status: 'error',
      error,
    }
    const value = fakeChat({ messages: [user, failed], status: 'error', error })
    render(<Chat value={value} />)
    const notice = screen.getByText(sentence).closest('[data-slot="error-notice"]')
    expect(notice?.getAttribute('data-kind')).toBe(error.kind)
    expect(screen.getByText('Partial answer')).toBeTruthy()
    expect(notice?.textContent).not.toContain(error.message)
    act(() => screen.getByRole('button', { name: 'Retry' }).click())
    expect(value.retry).toHaveBeenCalled()
  })
})
