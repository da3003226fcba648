import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createChat, type ChatController } from 'rivulet/core'
import { mockAnswers } from '../helpers/mock-answers.ts'
import { scriptedFetch } from '../helpers/scripted-fetch.ts'

const rows = (chat: ChatController) =>
  chat.getSnapshot().messages.map((m) => [m.role, m.content, m.status])

describe('chat flows over mockStream with a fake clock', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('regenerate, edit, stop and retry interleaved with streaming answers', async () => {
    let n = 0
    const mock = scriptedFetch(
      mockAnswers(() => ({
        format: 'openai-chat',
        text: `Answer ${++n} with some more words here`,
        tokenDelay: 10,
      })),
    )
    const chat = createChat({ url: 'http://mock.test/', fetch: mock.fetch })
    const first = chat.send('q1')
    await vi.runAllTimersAsync()
    await first

    const second = chat.send('q2')
    await vi.advanceTimersByTimeAsync(25)
    expect(rows(chat)).toEqual([
      ['user', 'q1', undefined],
      ['assistant', 'Answer 1 with some more words here', 'done'],
      ['user', 'q2', undefined],
      ['assistant', 'Answer 2 with', 'streaming'],
    ])
    const answerId = chat.getSnapshot().messages[3]!.id

    // Regenerating the streaming answer aborts it and streams a new one in its place.
    const regenerated = chat.regenerate()
    await vi.advanceTimersByTimeAsync(25)
    expect(rows(chat)[3]).toEqual(['assistant', 'Answer 3 with', 'streaming'])
    expect(chat.getSnapshot().messages[3]!.id).toBe(answerId)

    // Editing the first question mid-stream drops everything after it.
    const userId = chat.getSnapshot().messages[0]!.id
    const edited = chat.edit(userId, 'q1 edited')
    await vi.advanceTimersByTimeAsync(15)
    expect(rows(chat)).toEqual([
      ['user', 'q1 edited', undefined],
      ['assistant', 'Answer 4', 'streaming'],
    ])

    chat.stop()
    await vi.runAllTimersAsync()
    await Promise.all([second, regenerated, edited])
    expect(rows(chat)).toEqual([
      ['user', 'q1 edited', undefined],
      ['assistant', 'Answer 4', 'aborted'],
    ])
    expect(chat.getSnapshot().status).toBe('aborted')

    const retried = chat.retry()
    await vi.runAllTimersAsync()
    await retried
    expect(rows(chat)).toEqual([
      ['user', 'q1 edited', undefined],
      ['assistant', 'Answer 5 with some more words here', 'done'],
    ])

    const q1 = { role: 'user', content: 'q1' }
    const a1 = { role: 'assistant', content: 'Answer 1 with some more words here' }
    const q2 = { role: 'user', content: 'q2' }
    const q1edited = { role: 'user', content: 'q1 edited' }
    expect(mock.requests.map((r) => r.json)).toEqual([
      { messages: [q1] },
      { messages: [q1, a1, q2] },
      { messages: [q1, a1, q2] },
      { messages: [q1edited] },
      { messages: [q1edited] },
    ])
    // Every superseded request was aborted, so no mock kept streaming.
    expect(mock.requests.slice(1, 4).every((r) => r.signal?.aborted)).toBe(true)
    expect(vi.getTimerCount()).toBe(0)

    chat.reset()
    expect(chat.getSnapshot()).toMatchObject({ messages: [], status: 'idle' })
  })

  it('a chat answer resumed by Last-Event-ID is whole, once, with the retry counted', async () => {
    const text = 'A resumed answer keeps every word exactly once, in order.'
    const mock = scriptedFetch(
      mockAnswers([
        { format: 'anthropic', text, eventIds: true, tokenDelay: 3, fault: 'network-after:5' },
        { format: 'anthropic', text, eventIds: true, tokenDelay: 3 },
      ]),
    )
    const onFinish = vi.fn()
    const chat = createChat({
      url: 'http://mock.test/',
      fetch: mock.fetch,
      retry: { retries: 1, baseDelay: 5, jitter: false },
      onFinish,
    })
    const sent = chat.send('go')
    await vi.runAllTimersAsync()
    await sent
    const answer = chat.getSnapshot().messages[1]!
    expect(answer).toMatchObject({ content: text, status: 'done' })
    expect(answer.metrics).toMatchObject({ retries: 1, chars: text.length })
    expect(mock.requests[1]!.headers.get('last-event-id')).toMatch(/^\d+$/)
    expect(onFinish).toHaveBeenCalledOnce()
    expect(onFinish.mock.calls[0]![0]).toMatchObject({ id: answer.id, content: text })
  })

  it('an answer that fails for good keeps its partial text and error on the message', async () => {
    const text = 'Partial answers stay visible when the provider fails.'
    const mock = scriptedFetch(
      mockAnswers({ format: 'openai-chat', text, tokenDelay: 3, errorAfter: 3 }),
    )
    const chat = createChat({ url: 'http://mock.test/', fetch: mock.fetch, retry: false })
    const sent = chat.send('go')
    await vi.runAllTimersAsync()
    await sent
    const { messages, status, error } = chat.getSnapshot()
    expect(status).toBe('error')
    expect(error?.kind).toBe('provider')
    expect(messages[1]).toMatchObject({ status: 'error', content: 'Partial answers stay' })
    expect(messages[1]!.error?.partialText).toBe('Partial answers stay')
  })
})
