import { describe, expect, test } from 'vitest'
import { decodeResponse, type StreamFormat, type StreamPart } from 'rivulet/core'

// A provider's non-streamed answer (the request body lacked `stream: true`) is one JSON
// document. It is decoded as the answer at once, never printed as JSON. Shapes as the
// providers document them.

async function decode(body: unknown, format: StreamFormat = 'auto'): Promise<StreamPart[]> {
  const response = new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json' },
  })
  const parts: StreamPart[] = []
  for await (const part of decodeResponse(response, format)) parts.push(part)
  return parts
}

const text = (parts: StreamPart[]) =>
  parts.map((part) => (part.type === 'text' ? part.text : '')).join('')
const finish = (parts: StreamPart[]) => parts.find((part) => part.type === 'finish')

describe('non-streamed completions', () => {
  test('OpenAI chat completion: message content, finish reason, usage', async () => {
    const parts = await decode(
      {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Hello there.', refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 19,
          completion_tokens: 10,
          total_tokens: 29,
          prompt_tokens_details: { cached_tokens: 4 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
      'openai-chat',
    )
    expect(text(parts)).toBe('Hello there.')
    expect(finish(parts)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: {
        inputTokens: 19,
        outputTokens: 10,
        totalTokens: 29,
        reasoningTokens: 0,
        cachedInputTokens: 4,
      },
    })
    expect(parts.at(-1)?.type).toBe('finish')
  })

  test('OpenAI chat completion with tool calls: the completion is a data part', async () => {
    const completion = {
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    }
    const parts = await decode(completion)
    expect(text(parts)).toBe('')
    expect(parts).toContainEqual({ type: 'data', value: completion })
    expect(finish(parts)).toEqual({ type: 'finish', reason: 'tool_calls' })
  })

  test('OpenAI Responses: output_text of the message items, reasoning as data', async () => {
    const reasoning = { type: 'reasoning', id: 'rs_1', summary: [] }
    const parts = await decode(
      {
        id: 'resp_1',
        object: 'response',
        status: 'completed',
        output: [
          reasoning,
          {
            type: 'message',
            id: 'msg_1',
            role: 'assistant',
            status: 'completed',
            content: [
              { type: 'output_text', text: 'In a land ', annotations: [] },
              { type: 'output_text', text: 'far away.', annotations: [] },
            ],
          },
        ],
        usage: {
          input_tokens: 36,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 87,
          output_tokens_details: { reasoning_tokens: 12 },
          total_tokens: 123,
        },
      },
      'openai-responses',
    )
    expect(text(parts)).toBe('In a land far away.')
    expect(parts).toContainEqual({ type: 'data', value: reasoning })
    expect(finish(parts)).toMatchObject({
      reason: 'stop',
      usage: { inputTokens: 36, outputTokens: 87, totalTokens: 123, reasoningTokens: 12 },
    })
  })

  test('OpenAI Responses, incomplete: the reason is incomplete_details.reason', async () => {
    const parts = await decode({
      object: 'response',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'Cut' }] }],
    })
    expect(text(parts)).toBe('Cut')
    expect(finish(parts)).toMatchObject({ reason: 'max_output_tokens' })
  })

  test('Anthropic message: text blocks, stop_reason, usage with cache counts', async () => {
    const parts = await decode(
      {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [{ type: 'text', text: 'Hi! My name is Claude.' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 2095, output_tokens: 503, cache_read_input_tokens: 5 },
      },
      'anthropic',
    )
    expect(text(parts)).toBe('Hi! My name is Claude.')
    expect(finish(parts)).toEqual({
      type: 'finish',
      reason: 'end_turn',
      usage: { inputTokens: 2100, outputTokens: 503, totalTokens: 2603, cachedInputTokens: 5 },
    })
  })

  test('Ollama /api/chat and /api/generate with stream: false', async () => {
    const chat = await decode({
      model: 'llama3.2',
      created_at: '2023-12-12T14:13:43.416799Z',
      message: { role: 'assistant', content: 'Hello! How are you today?' },
      done: true,
      done_reason: 'stop',
      total_duration: 5191566416,
      prompt_eval_count: 26,
      eval_count: 298,
    })
    expect(text(chat)).toBe('Hello! How are you today?')
    expect(finish(chat)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 26, outputTokens: 298, totalTokens: 324 },
    })
    const generate = await decode({
      model: 'llama3.2',
      response: 'The sky is blue because of Rayleigh scattering.',
      done: true,
      done_reason: 'stop',
    })
    expect(text(generate)).toBe('The sky is blue because of Rayleigh scattering.')
  })

  test.each([
    ['OpenAI', { error: { message: 'Invalid API key', type: 'invalid_request_error' } }],
    ['Anthropic', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
    ['Ollama', { error: "model 'nope' not found" }],
  ])('a %s error body sent with status 200 is a provider error', async (_, body) => {
    const parts = await decode(body)
    expect(parts).toHaveLength(1)
    expect(parts[0]).toMatchObject({ type: 'error', error: { kind: 'provider' } })
  })

  test('a document that is not JSON, labelled application/json, is a parse error', async () => {
    const response = new Response('{"choices": [', {
      headers: { 'content-type': 'application/json' },
    })
    const parts: StreamPart[] = []
    for await (const part of decodeResponse(response, 'openai-chat')) parts.push(part)
    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'parse' }) }])
  })
})
