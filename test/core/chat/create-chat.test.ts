import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createChat, thinkTags, type ChatMessage, type ChatOptions } from 'rivulet/core'
import { chatDone, chatEvent, scriptedFetch, type Step } from '../../helpers/scripted-fetch.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const answer = (text: string): Step => ({ body: [chatEvent(text), chatDone] })

function setup(steps: Step[], options: Partial<ChatOptions> = {}) {
  const script = scriptedFetch(steps)
  const chat = createChat({
    url: '/api/chat',
    format: 'openai-chat',
    fetch: script.fetch,
    ...options,
  })
  const bodies = () =>
    script.requests.map((r) => r.json as { messages: { role: string; content: string }[] })
  return { ...script, chat, bodies }
}

async function settle<T>(promise: Promise<T>): Promise<T> {
  await vi.runAllTimersAsync()
  return promise
}

const view = (messages: ChatMessage[]) => messages.map((m) => `${m.role}:${m.content}`)

describe('createChat', () => {
  test('the body of turn N holds all N user and N-1 assistant messages', async () => {
    const { chat, bodies } = setup([answer('a1'), answer('a2'), answer('a3')])
    await settle(chat.send('u1'))
    await settle(chat.send('u2'))
    await settle(chat.send('u3'))
    const sent = bodies()
    expect(sent).toHaveLength(3)
    sent.forEach((body, i) => {
      const n = i + 1
      expect(body.messages.filter((m) => m.role === 'user')).toHaveLength(n)
      expect(body.messages.filter((m) => m.role === 'assistant')).toHaveLength(n - 1)
    })
    expect(sent[2]!.messages).toEqual([
      { role: 'user', content: 'u1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'u2' },
      { role: 'assistant', content: 'a2' },
      { role: 'user', content: 'u3' },
    ])
    expect(view(chat.getSnapshot().messages)).toEqual([
      'user:u1',
      'assistant:a1',
      'user:u2',
      'assistant:a2',
      'user:u3',
      'assistant:a3',
    ])
  })

  test('each answer keeps its status and metrics; ids are stable and unique', async () => {
    const { chat } = setup([answer('hi')])
    const promise = chat.send('hello')
    const during = chat.getSnapshot()
    expect(during.status).toBe('connecting')
    expect(during.messages[1]).toMatchObject({
      role: 'assistant',
      status: 'streaming',
      content: '',
    })
    const ids = during.messages.map((m) => m.id)
    await settle(promise)
    const after = chat.getSnapshot()
    expect(after.status).toBe('done')
    expect(after.messages.map((m) => m.id)).toEqual(ids)
    expect(new Set(ids).size).toBe(2)
    expect(after.messages[1]).toMatchObject({
      status: 'done',
      content: 'hi',
      metrics: { tokens: 1 },
    })
  })

  test('a custom body gets the complete context', async () => {
    const body = vi.fn((messages: ChatMessage[]) => ({
      prompt: messages.map((m) => m.content).join('|'),
    }))
    const { chat, requests } = setup([answer('x'), answer('y')], {
      body,
      initialMessages: [{ id: 's', role: 'system', content: 'be brief' }],
    })
    await settle(chat.send('q1'))
    await settle(chat.send('q2'))
    expect(requests[1]!.json).toEqual({ prompt: 'be brief|q1|x|q2' })
  })

  test('regenerate replaces only the last answer', async () => {
    const { chat, bodies } = setup([answer('a1'), answer('a2'), answer('a2 again')])
    await settle(chat.send('u1'))
    await settle(chat.send('u2'))
    const before = chat.getSnapshot().messages
    await settle(chat.regenerate())
    const after = chat.getSnapshot().messages
    expect(view(after)).toEqual(['user:u1', 'assistant:a1', 'user:u2', 'assistant:a2 again'])
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3))
    expect(after[3]!.id).toBe(before[3]!.id)
    expect(bodies()[2]!.messages).toEqual(bodies()[1]!.messages)
  })

  test('regenerate(messageId) replaces that answer in place, drops the turns after it, sends the context before it', async () => {
    const { chat, bodies } = setup([answer('a1'), answer('a2'), answer('a1 again')])
    await settle(chat.send('u1'))
    await settle(chat.send('u2'))
    const first = chat.getSnapshot().messages[1]!
    await settle(chat.regenerate(first.id))
    // Like AI SDK useChat: what followed answered the old text, so it goes (as with edit).
    expect(view(chat.getSnapshot().messages)).toEqual(['user:u1', 'assistant:a1 again'])
    expect(chat.getSnapshot().messages[1]!.id).toBe(first.id)
    expect(bodies()[2]!.messages).toEqual([{ role: 'user', content: 'u1' }])
  })

  test('edit mid-stream aborts the answer, truncates after the edited message and resends', async () => {
    const { chat, requests, bodies } = setup([
      answer('a1'),
      { body: [chatEvent('half')], end: 'hang' },
      answer('better'),
    ])
    await settle(chat.send('u1'))
    const second = chat.send('u2 typo')
    await vi.advanceTimersByTimeAsync(5)
    expect(chat.getSnapshot().messages[3]).toMatchObject({ content: 'half', status: 'streaming' })
    const userId = chat.getSnapshot().messages[2]!.id
    const edited = chat.edit(userId, 'u2 fixed')
    expect(requests[1]!.aborted).toBe(true)
    await settle(edited)
    await second
    expect(view(chat.getSnapshot().messages)).toEqual([
      'user:u1',
      'assistant:a1',
      'user:u2 fixed',
      'assistant:better',
    ])
    expect(chat.getSnapshot().messages[2]!.id).toBe(userId)
    expect(bodies()[2]!.messages.at(-1)).toEqual({ role: 'user', content: 'u2 fixed' })
    expect(bodies()[2]!.messages).toHaveLength(3)
    expect(chat.getSnapshot().status).toBe('done')
  })

  test('stop keeps the partial answer in the history, marked aborted', async () => {
    const { chat, requests } = setup([{ body: [chatEvent('partial ans')], end: 'hang' }])
    const turn = chat.send('u1')
    await vi.advanceTimersByTimeAsync(5)
    chat.stop()
    await settle(turn)
    expect(requests[0]!.aborted).toBe(true)
    expect(chat.getSnapshot().status).toBe('aborted')
    expect(chat.getSnapshot().messages[1]).toMatchObject({
      role: 'assistant',
      content: 'partial ans',
      status: 'aborted',
    })
  })

  test('sending while an answer streams stops it and keeps its partial text', async () => {
    const { chat, bodies } = setup([{ body: [chatEvent('cut')], end: 'hang' }, answer('a2')])
    const first = chat.send('u1')
    await vi.advanceTimersByTimeAsync(5)
    await settle(chat.send('u2'))
    await first
    expect(chat.getSnapshot().messages.map((m) => `${m.content}:${m.status ?? ''}`)).toEqual([
      'u1:',
      'cut:aborted',
      'u2:',
      'a2:done',
    ])
    expect(bodies()[1]!.messages).toHaveLength(3)
  })

  test('an error stays on its message; retry answers the last turn again', async () => {
    const { chat } = setup([{ status: 401 }, answer('ok now')])
    await settle(chat.send('u1'))
    const failed = chat.getSnapshot()
    expect(failed.status).toBe('error')
    expect(failed.error).toMatchObject({ kind: 'http', status: 401 })
    expect(failed.messages[1]).toMatchObject({ status: 'error', error: { status: 401 } })
    await settle(chat.retry())
    expect(view(chat.getSnapshot().messages)).toEqual(['user:u1', 'assistant:ok now'])
    expect(chat.getSnapshot().messages[1]!.error).toBeUndefined()
  })

  test('onFinish receives each finished answer', async () => {
    const onFinish = vi.fn()
    const { chat } = setup([answer('done!')], { onFinish })
    await settle(chat.send('u1'))
    expect(onFinish).toHaveBeenCalledWith(
      expect.objectContaining({ role: 'assistant', content: 'done!', status: 'done' }),
    )
  })

  test('setMessages and reset', async () => {
    const { chat } = setup([])
    const initial: ChatMessage[] = [{ id: 'x', role: 'user', content: 'hi' }]
    chat.setMessages(initial)
    expect(view(chat.getSnapshot().messages)).toEqual(['user:hi'])
    chat.setMessages((m) => [...m, { id: 'y', role: 'assistant', content: 'yo' }])
    expect(view(chat.getSnapshot().messages)).toEqual(['user:hi', 'assistant:yo'])
    chat.reset()
    expect(chat.getSnapshot()).toMatchObject({ messages: [], status: 'idle' })
  })

  test('getSnapshot is stable between changes', async () => {
    const { chat } = setup([answer('a')])
    const a = chat.getSnapshot()
    expect(chat.getSnapshot()).toBe(a)
    await settle(chat.send('q'))
    const b = chat.getSnapshot()
    expect(b).not.toBe(a)
    expect(chat.getSnapshot()).toBe(b)
  })

  test('setOptions applies to the next turn', async () => {
    const script = scriptedFetch([answer('a'), answer('b')])
    const options: ChatOptions = {
      url: '/api/chat',
      format: 'openai-chat',
      fetch: script.fetch,
      headers: { 'x-model': 'one' },
    }
    const chat = createChat(options)
    await settle(chat.send('q1'))
    chat.setOptions({ ...options, headers: { 'x-model': 'two' } })
    await settle(chat.send('q2'))
    expect(script.requests.map((r) => r.headers.get('x-model'))).toEqual(['one', 'two'])
  })

  test('reasoning hidden by thinkTags is kept on the message', async () => {
    const { chat } = setup([answer('<think>why</think>Because.')], { transform: thinkTags() })
    await settle(chat.send('q'))
    expect(chat.getSnapshot().messages[1]).toMatchObject({ content: 'Because.', reasoning: 'why' })
  })
})
