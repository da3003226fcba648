import { describe, expect, test } from 'vitest'
import {
  createChat,
  toRequestMessages,
  type ChatMessage,
  type ChatOptions,
  type RequestFormat,
  type ToolCallPart,
} from 'rivulet/core'
import { wireFixture } from '../../helpers/fixtures.ts'
import { chatDone, chatEvent, scriptedFetch, type Step } from '../../helpers/scripted-fetch.ts'

const decoder = new TextDecoder()
const fixture = (path: string) => decoder.decode(wireFixture(path))
const ndjson = { 'content-type': 'application/x-ndjson' }

/** A final text answer in each provider's wire format. */
const finalAnswer: Record<RequestFormat, (text: string) => Step> = {
  'openai-chat': (text) => ({ body: [chatEvent(text), chatDone] }),
  'openai-responses': (text) => ({
    body: [
      `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', delta: text })}\n\n`,
      `event: response.completed\ndata: ${JSON.stringify({ type: 'response.completed', response: {} })}\n\n`,
    ],
  }),
  anthropic: (text) => ({
    body: [
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`,
      `event: message_stop\ndata: {"type":"message_stop"}\n\n`,
    ],
  }),
  ollama: (text) => ({
    headers: ndjson,
    body: [
      `${JSON.stringify({ message: { role: 'assistant', content: text }, done: false })}\n`,
      `${JSON.stringify({ message: { role: 'assistant', content: '' }, done: true })}\n`,
    ],
  }),
}

/** An answer with two tool calls (Paris and Tokyo) in each provider's wire format. */
const twoCalls: Record<RequestFormat, Step> = {
  'openai-chat': { body: [fixture('openai-chat/parallel-tool-calls.sse')] },
  'openai-responses': { body: [fixture('openai-responses/reasoning-tools-citations.sse')] },
  anthropic: { body: [fixture('anthropic/citations-redacted-tools.sse')] },
  ollama: { headers: ndjson, body: [fixture('ollama/parallel-tools.ndjson')] },
}

const temps: Record<string, number> = { Paris: 21, Tokyo: 18 }
const lookup = (call: ToolCallPart) => ({
  temp: temps[(call.args as { location: string }).location.split(',')[0]!],
})

function setup(format: RequestFormat, steps: Step[], options: Partial<ChatOptions> = {}) {
  const script = scriptedFetch(steps)
  const chat = createChat({
    url: '/api/chat',
    format,
    fetch: script.fetch,
    retry: false,
    body: (messages) => ({ messages: toRequestMessages(messages, format) }),
    ...options,
  })
  const bodies = () => script.requests.map((r) => (r.json as { messages: unknown[] }).messages)
  return { ...script, chat, bodies }
}

const question = { role: 'user', content: 'Weather in Paris and Tokyo?' }
const paris = JSON.stringify({ temp: 21 })
const tokyo = JSON.stringify({ temp: 18 })

/** The follow-up request of each provider: the calls and their results in its own shape. */
const followUp: Record<RequestFormat, unknown[]> = {
  'openai-chat': [
    question,
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_paris',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"location": "Paris, France"}' },
        },
        {
          id: 'call_tokyo',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"location": "Tokyo, Japan"}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_paris', content: paris },
    { role: 'tool', tool_call_id: 'call_tokyo', content: tokyo },
  ],
  'openai-responses': [
    question,
    {
      type: 'function_call',
      call_id: 'call_paris',
      name: 'get_weather',
      arguments: '{"location":"Paris"}',
    },
    {
      type: 'function_call',
      call_id: 'call_tokyo',
      name: 'get_weather',
      arguments: '{"location":"Tokyo"}',
    },
    { type: 'function_call_output', call_id: 'call_paris', output: paris },
    { type: 'function_call_output', call_id: 'call_tokyo', output: tokyo },
    { role: 'assistant', content: 'Sunny in both, per the forecast.' },
  ],
  anthropic: [
    question,
    {
      role: 'assistant',
      content: [
        {
          type: 'redacted_thinking',
          data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP',
        },
        { type: 'thinking', thinking: 'I should check both cities.', signature: 'EqQBCgIYAhIMsig' },
        { type: 'text', text: 'Paris looks sunny.' },
        { type: 'tool_use', id: 'toolu_paris', name: 'get_weather', input: { location: 'Paris' } },
        { type: 'tool_use', id: 'toolu_tokyo', name: 'get_weather', input: { location: 'Tokyo' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_paris', content: paris },
        { type: 'tool_result', tool_use_id: 'toolu_tokyo', content: tokyo },
      ],
    },
  ],
  ollama: [
    question,
    {
      role: 'assistant',
      content: '',
      thinking: 'Two cities, two calls.',
      tool_calls: [
        { function: { name: 'get_weather', arguments: { location: 'Paris' } } },
        { function: { name: 'get_weather', arguments: { location: 'Tokyo' } } },
      ],
    },
    { role: 'tool', content: paris, tool_name: 'get_weather' },
    { role: 'tool', content: tokyo, tool_name: 'get_weather' },
  ],
}

const formats = Object.keys(followUp) as RequestFormat[]

describe.each(formats)('tool loop over %s', (format) => {
  test('two calls → onToolCall results → the follow-up carries calls and results → final answer', async () => {
    const seen: string[] = []
    const finished: ChatMessage[] = []
    const { chat, bodies } = setup(format, [twoCalls[format], finalAnswer[format]('Done.')], {
      onToolCall: async (call) => {
        seen.push(call.id)
        return lookup(call)
      },
      onFinish: (message) => finished.push(message),
    })
    await chat.send(question.content)
    expect(bodies()).toHaveLength(2)
    expect(bodies()[0]).toEqual([question])
    expect(bodies()[1]).toEqual(followUp[format])
    expect(seen).toHaveLength(2)
    const [answer] = chat.getSnapshot().messages.slice(-1)
    expect(chat.getSnapshot().messages).toHaveLength(2)
    expect(answer!.status).toBe('done')
    expect(answer!.content.endsWith('Done.')).toBe(true)
    const calls = answer!.parts!.filter((p) => p.type === 'tool-call')
    expect(calls.map((c) => c.result)).toEqual([{ temp: 21 }, { temp: 18 }])
    expect(answer!.parts!.at(-1)).toEqual({ type: 'text', text: 'Done.' })
    // onFinish hears of the answer once, when it is final.
    expect(finished).toHaveLength(1)
    expect(finished[0]!.content).toBe(answer!.content)
  })
})

describe('tool results given by the user', () => {
  test('the chat waits for addToolResult, and continues once every call has its result', async () => {
    const { chat, bodies } = setup('openai-chat', [
      twoCalls['openai-chat'],
      finalAnswer['openai-chat']('Both sunny.'),
    ])
    // No onToolCall: both calls wait for the user (a confirm button).
    await chat.send(question.content)
    expect(bodies()).toHaveLength(1)
    const open = chat
      .getSnapshot()
      .messages.at(-1)!
      .parts!.filter((p): p is ToolCallPart => p.type === 'tool-call')
    expect(open.map((c) => [c.id, c.status, 'result' in c])).toEqual([
      ['call_paris', 'complete', false],
      ['call_tokyo', 'complete', false],
    ])
    chat.addToolResult('call_paris', { temp: 21 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(bodies()).toHaveLength(1)
    chat.addToolResult('call_tokyo', { temp: 18 })
    await expect.poll(() => chat.getSnapshot().messages.at(-1)!.status).toBe('done')
    await expect.poll(() => chat.getSnapshot().status).toBe('done')
    expect(bodies()).toHaveLength(2)
    expect(bodies()[1]).toEqual(followUp['openai-chat'])
    expect(chat.getSnapshot().messages.at(-1)!.content).toBe('Both sunny.')
  })

  test('onToolCall may answer one call and leave the other to the user', async () => {
    const { chat, bodies } = setup('anthropic', [twoCalls.anthropic, finalAnswer.anthropic('ok')], {
      onToolCall: (call) => (call.id === 'toolu_paris' ? { temp: 21 } : undefined),
    })
    await chat.send(question.content)
    expect(bodies()).toHaveLength(1)
    chat.addToolResult('toolu_tokyo', { temp: 18 })
    await expect.poll(() => bodies().length).toBe(2)
    expect(bodies()[1]).toEqual(followUp.anthropic)
  })

  test('regenerating while onToolCall still runs: the old turn does not go on in the new answer', async () => {
    let calls = 0
    let finishTools!: (result: unknown) => void
    const toolsDone = new Promise((resolve) => (finishTools = resolve))
    const { chat, bodies } = setup(
      'openai-chat',
      [
        { body: [fixture('openai-chat/parallel-tool-calls.sse')] },
        finalAnswer['openai-chat']('Again.'),
        finalAnswer['openai-chat']('Third.'),
      ],
      {
        onToolCall: () => {
          calls++
          return toolsDone
        },
      },
    )
    const first = chat.send(question.content)
    await expect.poll(() => calls).toBe(1)
    // The answer is regenerated (same message id) while its tool still runs.
    await chat.regenerate()
    expect(chat.getSnapshot().messages.at(-1)!.content).toBe('Again.')
    finishTools({ temp: 21 })
    await first
    // The old turn's result may land in the kept (old) answer, but no third request is made
    // and the new answer is not continued.
    expect(bodies()).toHaveLength(2)
    const answer = chat.getSnapshot().messages.at(-1)!
    expect(answer.content).toBe('Again.')
    expect(answer.status).toBe('done')
  })

  test('a tool that throws gives the model its error as the result', async () => {
    const { chat, bodies } = setup('ollama', [twoCalls.ollama, finalAnswer.ollama('sorry')], {
      onToolCall: () => {
        throw new Error('service down')
      },
    })
    await chat.send('q')
    const results = (bodies()[1] as { role: string; content: string }[]).filter(
      (m) => m.role === 'tool',
    )
    expect(results.map((m) => m.content)).toEqual([
      '{"error":"service down"}',
      '{"error":"service down"}',
    ])
  })

  test('addToolResult for an unknown call id throws and changes nothing', async () => {
    const { chat } = setup('openai-chat', [finalAnswer['openai-chat']('hi')])
    await chat.send('q')
    const before = chat.getSnapshot()
    expect(() => chat.addToolResult('nope', 1)).toThrow(/no tool call has this id/)
    expect(chat.getSnapshot()).toBe(before)
  })
})

describe('maxSteps', () => {
  test('stops a loop that keeps calling tools after maxSteps requests', async () => {
    let n = 0
    const call = (): Step => {
      // One tool call per answer, forever.
      n++
      const delta = {
        tool_calls: [{ index: 0, id: `call_${n}`, function: { name: 'again', arguments: '{}' } }],
      }
      return {
        body: [
          `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: 'tool_calls' }] })}\n\n`,
          chatDone,
        ],
      }
    }
    const finished: ChatMessage[] = []
    const { chat, bodies } = setup('openai-chat', [call(), call(), call(), call(), call()], {
      maxSteps: 3,
      onToolCall: () => 'again',
      onFinish: (message) => finished.push(message),
    })
    await chat.send('loop')
    expect(bodies()).toHaveLength(3)
    // The third request carries both earlier steps' calls and results.
    expect(bodies()[2]).toHaveLength(5)
    expect((bodies()[2] as { role: string }[]).map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ])
    const answer = chat.getSnapshot().messages.at(-1)!
    expect(answer.parts!.filter((p) => p.type === 'tool-call')).toHaveLength(3)
    expect(finished).toHaveLength(1)
  })
})

describe('toRequestMessages', () => {
  test('messages without parts are role and content; anthropic leaves system out', () => {
    const history: ChatMessage[] = [
      { id: '1', role: 'system', content: 'Be brief.' },
      { id: '2', role: 'user', content: 'Hi' },
      { id: '3', role: 'assistant', content: 'Hello!' },
    ]
    for (const format of ['openai-chat', 'openai-responses', 'ollama'] as const) {
      expect(toRequestMessages(history, format)).toEqual([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
      ])
    }
    expect(toRequestMessages(history, 'anthropic')).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
    ])
  })

  test('an unknown format is a TypeError naming the valid ones', () => {
    expect(() => toRequestMessages([], 'gemini' as RequestFormat)).toThrow(/openai-chat/)
  })
})
