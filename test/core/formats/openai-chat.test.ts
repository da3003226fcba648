import { describe, expect, test } from 'vitest'
import { wireFixture } from '../../helpers/fixtures.ts'
import { decodeEvery, textOf } from '../../helpers/expect-parts.ts'

describe('openai-chat', () => {
  test('decodes the documented stream, with the finish reason and the usage chunk', async () => {
    const parts = await decodeEvery(wireFixture('openai-chat/basic.sse'), 'openai-chat')
    expect(parts).toEqual([
      { type: 'text', text: 'Hello' },
      { type: 'text', text: '!' },
      { type: 'text', text: ' How can I help?' },
      {
        type: 'finish',
        reason: 'stop',
        usage: {
          inputTokens: 19,
          outputTokens: 10,
          totalTokens: 29,
          reasoningTokens: 0,
          cachedInputTokens: 0,
        },
      },
    ])
  })

  test("skips Azure's empty-choices first chunk and content filter results", async () => {
    const parts = await decodeEvery(wireFixture('openai-chat/azure.sse'), 'openai-chat')
    expect(parts).toEqual([
      { type: 'text', text: 'Bonjour' },
      { type: 'text', text: ' à tous, ça va ?' },
      {
        type: 'finish',
        reason: 'stop',
        usage: {
          inputTokens: 12,
          outputTokens: 9,
          totalTokens: 21,
          reasoningTokens: 0,
          cachedInputTokens: 0,
        },
      },
    ])
  })

  test('tool call chunks, keyed by index, are a tool call that the finish reason ends', async () => {
    const parts = await decodeEvery(wireFixture('openai-chat/tool-calls.sse'), 'openai-chat')
    expect(textOf(parts)).toBe('')
    expect(parts).toEqual([
      { type: 'tool-call-start', id: 'call_abc', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'call_abc', argsText: '{"location":' },
      { type: 'tool-call-delta', id: 'call_abc', argsText: '"Paris"}' },
      { type: 'tool-call-end', id: 'call_abc' },
      { type: 'finish', reason: 'tool_calls' },
    ])
  })

  test('shows a refusal as text', async () => {
    const parts = await decodeEvery(wireFixture('openai-chat/refusal.sse'), 'openai-chat')
    expect(textOf(parts)).toBe("I'm sorry, I can't help with that.")
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })

  test('an error payload is a provider error that keeps the text, and nothing follows it', async () => {
    const parts = await decodeEvery(wireFixture('openai-chat/error.sse'), 'openai-chat')
    expect(parts).toEqual([
      { type: 'text', text: 'Partial' },
      {
        type: 'error',
        kind: 'provider',
        message: expect.stringContaining('The server had an error'),
        partialText: 'Partial',
        retryable: true,
        status: 500,
        code: 'server_error',
      },
    ])
  })

  test('a stream without [DONE] is truncated and keeps the text of the complete events', async () => {
    const parts = await decodeEvery(wireFixture('openai-chat/truncated.sse'), 'openai-chat')
    expect(parts.at(-1)).toMatchObject({
      type: 'error',
      kind: 'truncated',
      partialText: 'Once upon a time',
      retryable: true,
    })
    // The last event was cut before its blank line, so it was never dispatched.
    expect(textOf(parts)).toBe('Once upon a time')
  })

  test('the finish part is the last: events after [DONE] are ignored', async () => {
    const transcript =
      'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\ndata: [DONE]\n\n' +
      'data: {"choices":[{"index":0,"delta":{"content":"b"}}]}\n\n'
    expect(await decodeEvery(transcript, 'openai-chat')).toEqual([
      { type: 'text', text: 'a' },
      { type: 'finish' },
    ])
  })

  test('a complete event that is not JSON is a parse error', async () => {
    const transcript =
      'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\ndata: {"choices": [\n\n'
    expect(await decodeEvery(transcript, 'openai-chat')).toEqual([
      { type: 'text', text: 'a' },
      expect.objectContaining({ type: 'error', kind: 'parse', partialText: 'a', retryable: false }),
    ])
  })

  test('shows choice 0 when several choices stream', async () => {
    const transcript =
      'data: {"choices":[{"index":1,"delta":{"content":"other"}}]}\n\n' +
      'data: {"choices":[{"index":0,"delta":{"content":"mine"}}]}\n\n' +
      'data: {"choices":[{"index":1,"delta":{},"finish_reason":"length"}]}\n\n' +
      'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'
    expect(await decodeEvery(transcript, 'openai-chat')).toEqual([
      { type: 'text', text: 'mine' },
      { type: 'finish', reason: 'stop' },
    ])
  })

  test('an OpenAI-compatible {"object":"error"} payload is a provider error with its status', async () => {
    const transcript =
      'data: {"object":"error","message":"maximum context length exceeded","type":"BadRequestError","param":null,"code":400}\n\n'
    expect(await decodeEvery(transcript, 'openai-chat')).toEqual([
      expect.objectContaining({ kind: 'provider', status: 400, retryable: false, partialText: '' }),
    ])
  })

  test("reads Groq's usage from x_groq in the last chunk", async () => {
    const transcript =
      'data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n' +
      'data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"id":"req_1","usage":{"queue_time":0.01,"prompt_tokens":18,"prompt_time":0.002,"completion_tokens":2,"completion_time":0.001,"total_tokens":20,"total_time":0.003}}}\n\n' +
      'data: [DONE]\n\n'
    expect(await decodeEvery(transcript, 'openai-chat', { random: 5 })).toEqual([
      { type: 'text', text: 'Hi' },
      {
        type: 'finish',
        reason: 'stop',
        usage: { inputTokens: 18, outputTokens: 2, totalTokens: 20 },
      },
    ])
  })

  test('reasoning_content deltas are reasoning, not text', async () => {
    const parts = await decodeEvery(
      wireFixture('openai-chat/deepseek-reasoning.sse'),
      'openai-chat',
    )
    expect(textOf(parts)).toBe('4')
    expect(parts.slice(0, -1)).toEqual([
      { type: 'reasoning', text: 'Two plus two' },
      { type: 'reasoning', text: ' is four.' },
      { type: 'text', text: '4' },
    ])
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: {
        inputTokens: 13,
        outputTokens: 20,
        totalTokens: 33,
        reasoningTokens: 16,
        cachedInputTokens: 0,
      },
    })
  })

  test('reads legacy completions chunks (choices[0].text)', async () => {
    const transcript =
      'data: {"id":"cmpl-1","object":"text_completion","created":1,"choices":[{"text":"Once","index":0,"logprobs":null,"finish_reason":null}],"model":"gpt-3.5-turbo-instruct"}\n\n' +
      'data: {"id":"cmpl-1","object":"text_completion","created":1,"choices":[{"text":" upon","index":0,"logprobs":null,"finish_reason":"length"}],"model":"gpt-3.5-turbo-instruct"}\n\n' +
      'data: [DONE]\n\n'
    expect(
      await decodeEvery(transcript, 'auto', { contentType: 'text/event-stream', random: 5 }),
    ).toEqual([
      { type: 'text', text: 'Once' },
      { type: 'text', text: ' upon' },
      { type: 'finish', reason: 'length' },
    ])
  })

  test("OpenRouter's mid-stream error chunk is a provider error with its status", async () => {
    const transcript =
      ': OPENROUTER PROCESSING\n\n' +
      'data: {"id":"gen-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n' +
      'data: {"id":"gen-1","object":"chat.completion.chunk","error":{"code":502,"message":"Provider disconnected"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}\n\n'
    expect(await decodeEvery(transcript, 'openai-chat', { random: 5 })).toEqual([
      { type: 'text', text: 'Hi' },
      expect.objectContaining({
        kind: 'provider',
        status: 502,
        retryable: true,
        partialText: 'Hi',
      }),
    ])
  })
})
