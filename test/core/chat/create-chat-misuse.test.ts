import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createChat, type ChatMessage } from 'rivulet/core'
import { chatDone, chatEvent, scriptedFetch, type Step } from '../../helpers/scripted-fetch.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const answer = (text: string): Step => ({ body: [chatEvent(text), chatDone] })
const history: ChatMessage[] = [
  { id: 's', role: 'system', content: 'Be brief.' },
  { id: 'u1', role: 'user', content: 'Hi' },
  { id: 'a1', role: 'assistant', content: 'Hello!', status: 'done' },
]

function setup(steps: Step[]) {
  const script = scriptedFetch(steps)
  const chat = createChat({
    url: '/api/chat',
    format: 'openai-chat',
    fetch: script.fetch,
    initialMessages: history,
  })
  return { ...script, chat }
}

const view = (messages: ChatMessage[]) => messages.map((m) => `${m.id}:${m.content}`)

describe('chat misuse throws at once with a hint, and changes nothing', () => {
  test('edit of an assistant message names the problem and points to regenerate', () => {
    const { chat, requests } = setup([])
    const before = chat.getSnapshot()
    expect(() => chat.edit('a1', 'Better')).toThrowError(/assistant message.*regenerate\("a1"\)/)
    expect(chat.getSnapshot()).toBe(before)
    expect(requests).toHaveLength(0)
  })

  test('edit of a system message names the problem and points to setMessages', () => {
    const { chat } = setup([])
    expect(() => chat.edit('s', 'Be long.')).toThrowError(/system message.*setMessages/)
    expect(view(chat.getSnapshot().messages)).toEqual(view(history))
  })

  test('edit with an unknown id names the id', () => {
    const { chat } = setup([])
    expect(() => chat.edit('nope', 'x')).toThrowError(/"nope".*no message has this id/)
  })

  test('regenerate with an unknown id names the id and suggests regenerate()', () => {
    const { chat, requests } = setup([])
    expect(() => chat.regenerate('nope')).toThrowError(/"nope".*regenerate\(\)/)
    expect(requests).toHaveLength(0)
  })

  test('regenerate of a system message is refused', () => {
    const { chat } = setup([])
    expect(() => chat.regenerate('s')).toThrowError(/system message/)
  })

  test('misuse while an answer streams does not stop it', async () => {
    const { chat, requests } = setup([{ body: [chatEvent('go')], end: 'hang' }])
    const turn = chat.send('More')
    await vi.advanceTimersByTimeAsync(5)
    expect(() => chat.edit('a1', 'x')).toThrow()
    expect(requests[0]!.aborted).toBe(false)
    expect(chat.getSnapshot().status).toBe('streaming')
    chat.stop()
    await turn
  })
})

describe('regenerate targets', () => {
  test('regenerate(userId) answers that user message again and drops what followed', async () => {
    const { chat, requests } = setup([answer('Hey!')])
    const run = chat.regenerate('u1')
    await vi.runAllTimersAsync()
    await run
    const messages = chat.getSnapshot().messages
    expect(messages.map((m) => `${m.role}:${m.content}`)).toEqual([
      'system:Be brief.',
      'user:Hi',
      'assistant:Hey!',
    ])
    expect(messages[2]!.id).not.toBe('a1')
    expect(requests[0]!.json).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    })
  })

  test('regenerate() when the history ends with a user message answers it', async () => {
    const { chat } = setup([answer('Sure.')])
    chat.setMessages((m) => [...m, { id: 'u2', role: 'user', content: 'Again?' }])
    const run = chat.regenerate()
    await vi.runAllTimersAsync()
    await run
    expect(view(chat.getSnapshot().messages).slice(0, 4)).toEqual([
      's:Be brief.',
      'u1:Hi',
      'a1:Hello!',
      'u2:Again?',
    ])
    expect(chat.getSnapshot().messages[4]).toMatchObject({ role: 'assistant', content: 'Sure.' })
  })

  test('regenerate() of an empty chat does nothing', async () => {
    const chat = createChat({ url: '/api', fetch: scriptedFetch([]).fetch })
    await expect(chat.regenerate()).resolves.toBeUndefined()
    expect(chat.getSnapshot().messages).toEqual([])
  })
})

describe('onFinish', () => {
  test('is called for a finished answer even when a listener sent the next turn at once', async () => {
    const { fetch } = scriptedFetch([answer('first'), answer('second')])
    const finished: string[] = []
    const chat = createChat({
      url: '/api/chat',
      format: 'openai-chat',
      fetch,
      onFinish: (m) => finished.push(m.content),
    })
    let followed = false
    chat.subscribe(() => {
      if (chat.getSnapshot().status === 'done' && !followed) {
        followed = true
        void chat.send('and then?')
      }
    })
    const turn = chat.send('go')
    await vi.runAllTimersAsync()
    await turn
    await vi.runAllTimersAsync()
    expect(finished).toEqual(['first', 'second'])
  })
})

describe('chat snapshots are consistent', () => {
  test('no snapshot shows a streaming answer with a settled status or an earlier turn’s error', async () => {
    const { fetch } = scriptedFetch([{ status: 401 }, answer('ok')])
    const chat = createChat({ url: '/api/chat', format: 'openai-chat', fetch })
    const bad: string[] = []
    chat.subscribe(() => {
      const s = chat.getSnapshot()
      const last = s.messages.at(-1)
      if (
        last?.status === 'streaming' &&
        !['connecting', 'streaming', 'retrying'].includes(s.status)
      )
        bad.push(`${s.status} with a streaming answer`)
      if (last?.status === 'streaming' && s.error)
        bad.push('error shown while a new answer streams')
    })
    await vi.runAllTimersAsync()
    const first = chat.send('one')
    await vi.runAllTimersAsync()
    await first
    expect(chat.getSnapshot().error).toMatchObject({ status: 401 })
    const second = chat.send('two')
    await vi.runAllTimersAsync()
    await second
    expect(chat.getSnapshot().status).toBe('done')
    expect(bad).toEqual([])
  })

  test('reset() while an answer streams: every snapshot after it shows the initial history, idle', async () => {
    const { chat, requests } = setup([{ body: [chatEvent('going')], end: 'hang' }])
    const turn = chat.send('More')
    await vi.advanceTimersByTimeAsync(5)
    const seen: string[] = []
    chat.subscribe(() => {
      const s = chat.getSnapshot()
      seen.push(`${s.status}:${s.messages.length}`)
    })
    chat.reset()
    await turn
    expect(requests[0]!.aborted).toBe(true)
    expect(seen.length).toBeGreaterThan(0)
    expect(new Set(seen)).toEqual(new Set([`idle:${history.length}`]))
  })
})
