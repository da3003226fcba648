import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createChat, type ChatController, type ChatMessage } from 'rivulet/core'
import { chatDone, chatEvent, scriptedFetch, type Step } from '../../helpers/scripted-fetch.ts'

/** When a chat's listeners hear of a change: once per change they can see, never for nothing. */

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const answer = (text: string): Step => ({ body: [chatEvent(text), chatDone] })
const hang: Step = { body: [chatEvent('Going')], end: 'hang' }
const history: ChatMessage[] = [
  { id: 'u1', role: 'user', content: 'Hi' },
  { id: 'a1', role: 'assistant', content: 'Hello!', status: 'done' },
]

function setup(steps: Step[]) {
  const script = scriptedFetch(steps)
  let n = 0
  const chat = createChat({
    url: '/api/chat',
    format: 'openai-chat',
    fetch: script.fetch,
    initialMessages: history,
    generateId: () => `m${++n}`,
  })
  return { ...script, chat }
}

/** Every notification as `status: id:content(status) …`, and one that brings no new snapshot. */
function record(chat: ChatController) {
  const seen: string[] = []
  let last = chat.getSnapshot()
  chat.subscribe(() => {
    const s = chat.getSnapshot()
    if (s === last) seen.push('(the same snapshot again)')
    last = s
    const line = s.messages.map((m) => `${m.id}:${m.content}${m.status ? `(${m.status})` : ''}`)
    seen.push(`${s.status}: ${line.join(' ')}`)
  })
  return seen
}

describe('a chat notifies its listeners once per change they can see', () => {
  test('a new turn is first seen whole: question, empty answer, connecting', async () => {
    const { chat } = setup([answer('Sure.')])
    const seen = record(chat)
    const turn = chat.send('Again?')
    expect(seen).toEqual(['connecting: u1:Hi a1:Hello!(done) m1:Again? m2:(streaming)'])
    await vi.runAllTimersAsync()
    await turn
    expect(seen.at(-1)).toBe('done: u1:Hi a1:Hello!(done) m1:Again? m2:Sure.(done)')
  })

  test('sending while an answer streams: the stop is seen, then the new turn', async () => {
    const { chat } = setup([hang, answer('Two.')])
    void chat.send('One?')
    await vi.advanceTimersByTimeAsync(5)
    const seen = record(chat)
    const second = chat.send('Two?')
    expect(seen).toEqual([
      'aborted: u1:Hi a1:Hello!(done) m1:One? m2:Going(aborted)',
      'connecting: u1:Hi a1:Hello!(done) m1:One? m2:Going(aborted) m3:Two? m4:(streaming)',
    ])
    await vi.runAllTimersAsync()
    await second
  })

  test('reset() of a running answer: one notification, the initial history, idle', async () => {
    const { chat, requests } = setup([hang])
    const turn = chat.send('More?')
    await vi.advanceTimersByTimeAsync(5)
    const seen = record(chat)
    chat.reset()
    await turn
    expect(seen).toEqual(['idle: u1:Hi a1:Hello!(done)'])
    expect(requests[0]!.aborted).toBe(true)
  })

  test('setMessages() that drops the streaming answer: one notification, the new history, aborted', async () => {
    const { chat, requests } = setup([hang])
    const turn = chat.send('More?')
    await vi.advanceTimersByTimeAsync(5)
    const seen = record(chat)
    chat.setMessages(history)
    await turn
    expect(seen).toEqual(['aborted: u1:Hi a1:Hello!(done)'])
    expect(requests[0]!.aborted).toBe(true)
    expect(chat.getSnapshot().messages).toEqual(history)
  })

  test('switchBranch() to the branch already shown changes nothing and notifies nobody', async () => {
    const { chat } = setup([answer('First.'), answer('Second.')])
    await vi.runAllTimersAsync()
    const one = chat.send('Q?')
    await vi.runAllTimersAsync()
    await one
    const two = chat.regenerate()
    await vi.runAllTimersAsync()
    await two
    const before = chat.getSnapshot()
    const seen = record(chat)
    chat.switchBranch('m2', 1)
    expect(seen).toEqual([])
    expect(chat.getSnapshot()).toBe(before)
    chat.switchBranch('m2', 0)
    expect(seen).toEqual(['done: u1:Hi a1:Hello!(done) m1:Q? m3:First.(done)'])
  })
})
