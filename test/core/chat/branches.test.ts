import { describe, expect, test } from 'vitest'
import { createChat, type ChatMessage } from 'rivulet/core'
import {
  chatDone,
  chatEvent,
  scriptedFetch,
  type RecordedRequest,
} from '../../helpers/scripted-fetch.ts'

/** A server that answers each request with the next numbered answer. */
function setup() {
  let n = 0
  const script = scriptedFetch(
    Array.from({ length: 20 }, () => () => ({ body: [chatEvent(`a${++n}`), chatDone] })),
  )
  const chat = createChat({ url: '/api/chat', format: 'openai-chat', fetch: script.fetch })
  const bodyOf = (r: RecordedRequest) =>
    (r.json as { messages: { role: string; content: string }[] }).messages
  return { chat, requests: script.requests, bodyOf }
}

const view = (messages: ChatMessage[]) =>
  messages.map((m) => `${m.content}${m.branch ? ` (${m.branch.index + 1}/${m.branch.count})` : ''}`)
const plain = (messages: ChatMessage[]) => messages.map(({ role, content }) => ({ role, content }))

describe('branches', () => {
  test('regenerate twice and edit once keep every answer; each body is exactly the path shown', async () => {
    const { chat, requests, bodyOf } = setup()
    const sent: ChatMessage[][] = []
    const send = async (action: () => Promise<void>) => {
      await action()
      const messages = chat.getSnapshot().messages
      // The request held exactly the path shown now, without its last (the answer).
      expect(bodyOf(requests.at(-1)!)).toEqual(plain(messages.slice(0, -1)))
      sent.push(messages)
    }
    await send(() => chat.send('q1'))
    await send(() => chat.send('q2'))
    expect(view(chat.getSnapshot().messages)).toEqual(['q1', 'a1', 'q2', 'a2'])

    await send(() => chat.regenerate())
    await send(() => chat.regenerate())
    expect(view(chat.getSnapshot().messages)).toEqual(['q1', 'a1', 'q2', 'a4 (3/3)'])

    // Editing q1 keeps the old q1 and everything after it (with its three answers) as a branch.
    const q1 = chat.getSnapshot().messages[0]!
    await send(() => chat.edit(q1.id, 'q1 edited'))
    expect(view(chat.getSnapshot().messages)).toEqual(['q1 edited (2/2)', 'a5'])
    expect(chat.getSnapshot().messages[0]!.id).toBe(q1.id)
    expect(requests).toHaveLength(5)

    // Switch between every branch: the first question's two, then the three answers under q1.
    chat.switchBranch(q1.id, 0)
    expect(view(chat.getSnapshot().messages)).toEqual(['q1 (1/2)', 'a1', 'q2', 'a4 (3/3)'])
    const answerId = chat.getSnapshot().messages[3]!.id
    chat.switchBranch(answerId, 0)
    expect(view(chat.getSnapshot().messages)).toEqual(['q1 (1/2)', 'a1', 'q2', 'a2 (1/3)'])
    const second = chat.getSnapshot().messages[3]!
    chat.switchBranch(second.id, 1)
    expect(view(chat.getSnapshot().messages)).toEqual(['q1 (1/2)', 'a1', 'q2', 'a3 (2/3)'])
    chat.switchBranch(chat.getSnapshot().messages[3]!.id, 2)
    expect(view(chat.getSnapshot().messages)).toEqual(['q1 (1/2)', 'a1', 'q2', 'a4 (3/3)'])
    chat.switchBranch(chat.getSnapshot().messages[0]!.id, 1)
    expect(view(chat.getSnapshot().messages)).toEqual(['q1 edited (2/2)', 'a5'])
    chat.switchBranch(chat.getSnapshot().messages[0]!.id, 0)
    chat.switchBranch(chat.getSnapshot().messages[3]!.id, 1)
    expect(view(chat.getSnapshot().messages)).toEqual(['q1 (1/2)', 'a1', 'q2', 'a3 (2/3)'])

    // A send from a switched-to branch continues that branch, and its body is that path.
    await send(() => chat.send('q3'))
    expect(view(chat.getSnapshot().messages)).toEqual([
      'q1 (1/2)',
      'a1',
      'q2',
      'a3 (2/3)',
      'q3',
      'a6',
    ])
    expect(bodyOf(requests.at(-1)!).map((m) => m.content)).toEqual(['q1', 'a1', 'q2', 'a3', 'q3'])
    // The other branches are untouched: switching back shows them as they were.
    chat.switchBranch(chat.getSnapshot().messages[0]!.id, 1)
    expect(view(chat.getSnapshot().messages)).toEqual(['q1 edited (2/2)', 'a5'])
    chat.switchBranch(chat.getSnapshot().messages[0]!.id, 0)
    expect(view(chat.getSnapshot().messages)).toEqual([
      'q1 (1/2)',
      'a1',
      'q2',
      'a3 (2/3)',
      'q3',
      'a6',
    ])
  })

  test('every message id on a path is unique, and siblings have ids of their own', async () => {
    const { chat } = setup()
    await chat.send('q')
    const first = chat.getSnapshot().messages[1]!.id
    await chat.regenerate()
    // The new answer keeps the id it replaced (as before branches); the kept one gets a new id.
    expect(chat.getSnapshot().messages[1]!.id).toBe(first)
    chat.switchBranch(first, 0)
    const kept = chat.getSnapshot().messages[1]!
    expect(kept.content).toBe('a1')
    expect(kept.id).not.toBe(first)
    expect(kept.branch).toEqual({ index: 0, count: 2 })
  })

  test('switching away from a streaming answer stops it, keeping its text', async () => {
    const script = scriptedFetch([
      { body: [chatEvent('a1'), chatDone] },
      { body: [chatEvent('partial')], end: 'hang' },
    ])
    const chat = createChat({ url: '/x', format: 'openai-chat', fetch: script.fetch })
    await chat.send('q')
    const running = chat.regenerate()
    await expect.poll(() => chat.getSnapshot().messages[1]!.content).toBe('partial')
    chat.switchBranch(chat.getSnapshot().messages[1]!.id, 0)
    await running
    expect(view(chat.getSnapshot().messages)).toEqual(['q', 'a1 (1/2)'])
    chat.switchBranch(chat.getSnapshot().messages[1]!.id, 1)
    const back = chat.getSnapshot().messages[1]!
    expect([back.content, back.status]).toEqual(['partial', 'aborted'])
  })

  test('misuse throws at once and changes nothing', async () => {
    const { chat } = setup()
    await chat.send('q')
    const before = chat.getSnapshot()
    expect(() => chat.switchBranch('nope', 0)).toThrow(/no message has this id/)
    expect(() => chat.switchBranch(before.messages[1]!.id, 1)).toThrow(/1 branch \(index 0 to 0\)/)
    expect(chat.getSnapshot()).toBe(before)
  })

  test('setMessages and reset drop the kept branches', async () => {
    const { chat } = setup()
    await chat.send('q')
    await chat.regenerate()
    expect(chat.getSnapshot().messages[1]!.branch).toEqual({ index: 1, count: 2 })
    chat.setMessages((m) => m)
    expect(chat.getSnapshot().messages[1]!.branch).toBeUndefined()
  })
})
