import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { StrictMode, useEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { createChat } from 'rivulet/core'
import { useChat } from 'rivulet/react'
import type { UseChatOptions } from 'rivulet/react'
import { chatDone, chatEvent, chatStop, scriptedFetch } from '../helpers/scripted-fetch.ts'

const base: UseChatOptions = {
  url: '/api/chat',
  format: 'openai-chat',
  retry: false,
  throttle: false,
}

function SendsOnMount(props: UseChatOptions) {
  const { messages, status, send } = useChat(props)
  useEffect(() => {
    void send('Hello?')
  }, [send])
  return (
    <div data-testid="chat" data-status={status}>
      {messages.map((m) => `${m.role}:${m.content}`).join('|')}
    </div>
  )
}

const chatText = () => screen.getByTestId('chat').textContent

describe('useChat', () => {
  it('sends one message from a mount effect under StrictMode', async () => {
    const { fetch, requests } = scriptedFetch()
    render(
      <StrictMode>
        <SendsOnMount {...base} fetch={fetch} />
      </StrictMode>,
    )
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(async () => requests[0]!.push(chatEvent('Hi!')))
    await waitFor(() => expect(chatText()).toBe('user:Hello?|assistant:Hi!'))
    expect(requests[0]!.signal?.aborted).toBe(false)
    await act(async () => requests[0]!.end(chatStop, chatDone))
    await waitFor(() => expect(screen.getByTestId('chat').dataset.status).toBe('done'))
    expect(requests).toHaveLength(1)
    expect(chatText()).toBe('user:Hello?|assistant:Hi!')
  })

  it('aborts the answer in flight when the component unmounts', async () => {
    const { fetch, requests } = scriptedFetch()
    const view = render(<SendsOnMount {...base} fetch={fetch} />)
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(async () => requests[0]!.push(chatEvent('Hi')))
    view.unmount()
    await waitFor(() => expect(requests[0]!.signal?.aborted).toBe(true))
  })

  it('keeps the partial answer when the stream fails', async () => {
    const { fetch, requests } = scriptedFetch()
    const { result } = renderHook(() => useChat({ ...base, fetch }))
    act(() => void result.current.send('Tell me'))
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(async () => requests[0]!.push(chatEvent('Once upon')))
    await act(async () => requests[0]!.end())
    await waitFor(() => expect(result.current.status).toBe('error'))
    const answer = result.current.messages.at(-1)
    expect(answer).toMatchObject({ role: 'assistant', content: 'Once upon', status: 'error' })
    expect(result.current.error?.partialText).toBe('Once upon')
  })

  it('uses the url, body and headers of the latest render on the next send', async () => {
    const { fetch, requests } = scriptedFetch()
    const { result, rerender } = renderHook((props: UseChatOptions) => useChat(props), {
      initialProps: { ...base, fetch },
    })
    rerender({
      ...base,
      fetch,
      url: '/api/other',
      headers: { 'x-session': 'two' },
      body: (messages) => ({ model: 'm2', last: messages.at(-1)?.content }),
    })
    act(() => void result.current.send('Hi'))
    await waitFor(() => expect(requests).toHaveLength(1))
    expect(requests[0]!.url).toContain('/api/other')
    expect(requests[0]!.headers.get('x-session')).toBe('two')
    expect(requests[0]!.json).toEqual({ model: 'm2', last: 'Hi' })
  })

  it('keeps the identity of its actions across renders', async () => {
    const { fetch, requests } = scriptedFetch()
    const { result } = renderHook(() => useChat({ ...base, fetch }))
    const first = result.current
    act(() => void result.current.send('Hi'))
    await waitFor(() => expect(requests).toHaveLength(1))
    expect(result.current).not.toBe(first)
    const actions = ['send', 'stop', 'regenerate', 'edit', 'retry', 'setMessages', 'reset'] as const
    for (const action of actions) expect(result.current[action]).toBe(first[action])
  })

  it('binds to a chat made outside React, which survives the component unmounting', async () => {
    const { fetch, requests } = scriptedFetch()
    const chat = createChat({ url: '/api/chat', format: 'openai-chat', retry: false, fetch })
    const first = render(<SendsOnMount chat={chat} throttle={false} />)
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(async () => requests[0]!.push(chatEvent('Still ')))
    first.unmount()
    await act(async () => requests[0]!.push(chatEvent('here')))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(requests[0]!.signal?.aborted).toBe(false)
    await act(async () => requests[0]!.end(chatStop, chatDone))
    // A later page renders the same chat: the answer finished while nothing showed it.
    function Later() {
      const { messages } = useChat({ chat })
      return <p data-testid="later">{messages.map((m) => m.content).join('|')}</p>
    }
    render(<Later />)
    await waitFor(() => expect(screen.getByTestId('later').textContent).toBe('Hello?|Still here'))
  })
  it('exposes branches: regenerate keeps the answer, switchBranch shows it again', async () => {
    const { fetch, requests } = scriptedFetch()
    const { result } = renderHook(() => useChat({ ...base, fetch }))
    act(() => void result.current.send('Q'))
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(async () => {
      requests[0]!.push(chatEvent('first'))
      requests[0]!.end(chatStop, chatDone)
    })
    await waitFor(() => expect(result.current.status).toBe('done'))
    act(() => void result.current.regenerate())
    await waitFor(() => expect(requests).toHaveLength(2))
    await act(async () => {
      requests[1]!.push(chatEvent('second'))
      requests[1]!.end(chatStop, chatDone)
    })
    await waitFor(() => expect(result.current.messages[1]!.content).toBe('second'))
    expect(result.current.messages[1]!.branch).toEqual({ index: 1, count: 2 })
    act(() => result.current.switchBranch(result.current.messages[1]!.id, 0))
    expect(result.current.messages[1]!.content).toBe('first')
    expect(typeof result.current.addToolResult).toBe('function')
  })
})
