import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChat, type ChatMessage, type ChatOptions } from 'rivulet/core'
import type { MockServer, StreamEndInfo } from 'rivulet/mock/server'
import {
  capturingFetch,
  headersByCall,
  startCapturingProxy,
  startRecordingServer,
  until,
} from './server-harness.ts'

let server: MockServer
let ends: StreamEndInfo[]

beforeAll(async () => {
  ;({ server, ends } = await startRecordingServer())
})
afterAll(async () => {
  await server.close()
})

const path = '/v1/chat/completions'

/** The body an OpenAI client sends: the whole conversation, streamed. */
const openaiBody = (messages: ChatMessage[]) => ({
  model: 'gpt-4o-mini',
  stream: true,
  messages: messages.map(({ role, content }) => ({ role, content })),
})

/** What the server answers a prompt with when no text is set (asked without streaming). */
async function expectedAnswer(prompt: string): Promise<string> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: prompt }] }),
  })
  const json = (await response.json()) as { choices: { message: { content: string } }[] }
  return json.choices[0]!.message.content
}

function chatWith(knobs: string, extra: Partial<ChatOptions> = {}) {
  const capture = capturingFetch()
  const chat = createChat({
    url: `${server.url}${path}?${knobs}`,
    format: 'openai-chat',
    fetch: capture.fetch,
    body: openaiBody,
    retry: { retries: 2, baseDelay: 5, jitter: false },
    ...extra,
  })
  const bodies = () => capture.sent.map((r) => (r.body as ReturnType<typeof openaiBody>).messages)
  return { chat, capture, bodies }
}

const roles = (messages: ChatMessage[]) => messages.map((m) => m.role)
const contents = (messages: ChatMessage[]) => messages.map((m) => m.content)

describe('createChat against the mock server', () => {
  it('sends the whole history each turn and streams each answer in full', async () => {
    const { chat, bodies } = chatWith('ttft=1&delay=1&chunk=1-7&seed=2')
    const prompts = ['What is rivulet?', 'And how does resume work?', 'Thanks — ünïcode 👋 too?']
    const finished: string[] = []
    for (const prompt of prompts) {
      await chat.send(prompt)
      const last = chat.getSnapshot().messages.at(-1)!
      expect(last).toMatchObject({ role: 'assistant', status: 'done' })
      expect(last.content).toBe(await expectedAnswer(prompt))
      expect(last.metrics?.chars).toBe(last.content.length)
      finished.push(last.content)
    }
    const { messages, status } = chat.getSnapshot()
    expect(status).toBe('done')
    expect(roles(messages)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant'])
    expect(contents(messages)).toEqual([
      prompts[0],
      finished[0],
      prompts[1],
      finished[1],
      prompts[2],
      finished[2],
    ])
    // Turn N carries N user messages and the N − 1 answers before it, exactly as shown.
    expect(bodies()).toEqual([
      [{ role: 'user', content: prompts[0] }],
      [
        { role: 'user', content: prompts[0] },
        { role: 'assistant', content: finished[0] },
        { role: 'user', content: prompts[1] },
      ],
      [
        { role: 'user', content: prompts[0] },
        { role: 'assistant', content: finished[0] },
        { role: 'user', content: prompts[1] },
        { role: 'assistant', content: finished[1] },
        { role: 'user', content: prompts[2] },
      ],
    ])
    expect(new Set(messages.map((m) => m.id)).size).toBe(6)
  })

  it('what arrives at the server each turn is the whole history, as shown', async () => {
    const proxy = await startCapturingProxy(server.url)
    try {
      const chat = createChat({
        url: `${proxy.url}${path}?ttft=1&delay=1`,
        format: 'openai-chat',
        body: openaiBody,
      })
      for (const prompt of ['one', 'two', 'three']) await chat.send(prompt)
      const shown = chat.getSnapshot().messages.map(({ role, content }) => ({ role, content }))
      expect(chat.getSnapshot().messages.map((m) => m.status)).toEqual([
        undefined,
        'done',
        undefined,
        'done',
        undefined,
        'done',
      ])
      expect(proxy.received.map((r) => r.method)).toEqual(['POST', 'POST', 'POST'])
      expect(proxy.received.map((r) => r.headers['content-type'])).toEqual(
        Array(3).fill('application/json'),
      )
      // Turn N: N user messages and the N − 1 answers before it, byte for byte as shown.
      expect(proxy.received.map((r) => (r.body as { messages: unknown[] }).messages)).toEqual([
        shown.slice(0, 1),
        shown.slice(0, 3),
        shown.slice(0, 5),
      ])
      expect(proxy.received.every((r) => (r.body as { stream: boolean }).stream)).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  it('regenerate replaces only the last answer, keeping its id, from the same context', async () => {
    let n = 0
    const { chat, bodies } = chatWith('ttft=1&delay=1', {
      headers: () => ({ 'x-mock-text': `Answer number ${++n}.` }),
    })
    await chat.send('first')
    await chat.send('second')
    const before = chat.getSnapshot().messages
    expect(contents(before)).toEqual(['first', 'Answer number 1.', 'second', 'Answer number 2.'])
    await chat.regenerate()
    const after = chat.getSnapshot().messages
    expect(contents(after)).toEqual(['first', 'Answer number 1.', 'second', 'Answer number 3.'])
    expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id))
    expect(after[3]!.status).toBe('done')
    expect(bodies()[2]).toEqual(bodies()[1])
  })

  it('edit rewrites a user message, drops what followed and resends the shorter history', async () => {
    const { chat, bodies } = chatWith('ttft=1&delay=1')
    await chat.send('one')
    await chat.send('two')
    const [first] = chat.getSnapshot().messages
    await chat.edit(first!.id, 'one, edited')
    const { messages } = chat.getSnapshot()
    expect(roles(messages)).toEqual(['user', 'assistant'])
    expect(messages[0]).toMatchObject({ id: first!.id, content: 'one, edited' })
    expect(messages[1]).toMatchObject({
      status: 'done',
      content: await expectedAnswer('one, edited'),
    })
    expect(bodies().at(-1)).toEqual([{ role: 'user', content: 'one, edited' }])
  })

  it('edit while an answer streams aborts it (the server sees the client leave) and resends', async () => {
    const long = Array.from({ length: 150 }, (_, i) => `t${i}`).join(' ')
    const { chat, bodies } = chatWith('ttft=1', {
      // The first answer is long and slow; the edited one is quick.
      headers: headersByCall(
        { 'x-mock-text': long, 'x-mock-delay': '15' },
        { 'x-mock-delay': '1' },
      ),
    })
    const from = ends.length
    const first = chat.send('slow question')
    expect(await until(() => (chat.getSnapshot().messages[1]?.content.length ?? 0) > 5)).toBe(true)
    const user = chat.getSnapshot().messages[0]!
    await chat.edit(user.id, 'quick question')
    await first
    const { messages, status } = chat.getSnapshot()
    expect(status).toBe('done')
    expect(contents(messages)).toEqual(['quick question', await expectedAnswer('quick question')])
    expect(messages[1]!.status).toBe('done')
    expect(bodies()).toEqual([
      [{ role: 'user', content: 'slow question' }],
      [{ role: 'user', content: 'quick question' }],
    ])
    expect(await until(() => ends.slice(from).length >= 3)).toBe(true)
    const reasons = ends.slice(from).filter((e) => e.path === path)
    expect(reasons.map((e) => e.reason)).toContain('client-closed')
  })

  it('stop keeps the partial answer in the history, marked aborted', async () => {
    const long = Array.from({ length: 150 }, (_, i) => `s${i}`).join(' ')
    const { chat } = chatWith('ttft=1', {
      headers: headersByCall(
        { 'x-mock-text': long, 'x-mock-delay': '15' },
        { 'x-mock-delay': '1' },
      ),
    })
    const sent = chat.send('go')
    expect(await until(() => (chat.getSnapshot().messages[1]?.content.length ?? 0) > 5)).toBe(true)
    chat.stop()
    await sent
    const { messages, status } = chat.getSnapshot()
    expect(status).toBe('aborted')
    expect(messages[1]!.status).toBe('aborted')
    expect(messages[1]!.content.length).toBeGreaterThan(5)
    expect(long.startsWith(messages[1]!.content)).toBe(true)
    // The next turn sends the partial answer as part of the history.
    await chat.send('continue')
    expect(chat.getSnapshot().messages.map((m) => m.status)).toEqual([
      undefined,
      'aborted',
      undefined,
      'done',
    ])
  })

  it('an answer that drops mid-stream is restarted and the history holds it once', async () => {
    const { chat, capture } = chatWith('ttft=1&delay=1', {
      headers: headersByCall({ 'x-mock-fault': 'drop-after:6' }, {}),
    })
    await chat.send('tell me')
    const { messages } = chat.getSnapshot()
    expect(messages[1]).toMatchObject({ status: 'done', content: await expectedAnswer('tell me') })
    expect(messages[1]!.metrics?.retries).toBe(1)
    expect(capture.sent).toHaveLength(2)
  })
  it('retry() after a failed answer asks again without the failed message in the context', async () => {
    const { chat, bodies } = chatWith('ttft=1&delay=1', {
      headers: headersByCall({ 'x-mock-status': '401' }, {}),
    })
    await chat.send('hello?')
    const failed = chat.getSnapshot()
    expect(failed.status).toBe('error')
    expect(failed.error).toMatchObject({ kind: 'http', status: 401 })
    expect(failed.messages[1]).toMatchObject({ role: 'assistant', status: 'error', content: '' })
    expect(failed.messages[1]!.error?.status).toBe(401)
    await chat.retry()
    const { messages, status, error } = chat.getSnapshot()
    expect(status).toBe('done')
    expect(error).toBeUndefined()
    expect(messages).toHaveLength(2)
    expect(messages[1]).toMatchObject({
      id: failed.messages[1]!.id,
      status: 'done',
      content: await expectedAnswer('hello?'),
    })
    expect(messages[1]!.error).toBeUndefined()
    expect(bodies()).toEqual([
      [{ role: 'user', content: 'hello?' }],
      [{ role: 'user', content: 'hello?' }],
    ])
  })

  it('send() while an answer streams stops it and sends its partial text as history', async () => {
    const long = Array.from({ length: 150 }, (_, i) => `p${i}`).join(' ')
    const { chat, bodies } = chatWith('ttft=1', {
      headers: headersByCall(
        { 'x-mock-text': long, 'x-mock-delay': '15' },
        { 'x-mock-delay': '1' },
      ),
    })
    const first = chat.send('long one')
    expect(await until(() => (chat.getSnapshot().messages[1]?.content.length ?? 0) > 5)).toBe(true)
    const second = chat.send('next')
    await Promise.all([first, second])
    const { messages } = chat.getSnapshot()
    expect(messages.map((m) => m.status)).toEqual([undefined, 'aborted', undefined, 'done'])
    const partial = messages[1]!.content
    expect(long.startsWith(partial)).toBe(true)
    expect(bodies()[1]).toEqual([
      { role: 'user', content: 'long one' },
      { role: 'assistant', content: partial },
      { role: 'user', content: 'next' },
    ])
    expect(messages[3]!.content).toBe(await expectedAnswer('next'))
  })

  it('a chat over the Anthropic Messages endpoint keeps a system prompt and the history', async () => {
    const capture = capturingFetch()
    const chat = createChat({
      url: `${server.url}/v1/messages?ttft=1&delay=1`,
      format: 'anthropic',
      fetch: capture.fetch,
      initialMessages: [{ id: 'sys', role: 'system', content: 'Be brief.' }],
      body: (messages) => ({
        model: 'claude',
        max_tokens: 256,
        stream: true,
        system: messages.find((m) => m.role === 'system')?.content,
        messages: messages
          .filter((m) => m.role !== 'system')
          .map(({ role, content }) => ({ role, content })),
      }),
    })
    await chat.send('a')
    await chat.send('b')
    const { messages } = chat.getSnapshot()
    expect(messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
    ])
    expect(messages.filter((m) => m.role === 'assistant').map((m) => m.status)).toEqual([
      'done',
      'done',
    ])
    expect(capture.sent[1]!.body).toMatchObject({
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: messages[2]!.content },
        { role: 'user', content: 'b' },
      ],
    })
  })
})
