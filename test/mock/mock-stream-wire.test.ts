import { describe, expect, it } from 'vitest'
import { mockStream } from 'rivulet/mock'
import { readAll, sseBlocks } from './read-all.ts'

const text = 'Hello, wörld! 👋 Streaming is fun.'

describe('mockStream wire bytes', () => {
  it('writes OpenAI chat completion chunks, a finish chunk, a usage chunk and [DONE]', async () => {
    const response = mockStream({
      format: 'openai-chat',
      text,
      model: 'gpt-4o-mini',
      now: 1_700_000_000_000,
      seed: 1,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const blocks = sseBlocks((await readAll(response)).text)
    expect(blocks.at(-1)).toEqual({ data: '[DONE]' })
    const chunks = blocks.slice(0, -1).map((b) => JSON.parse(b.data))
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        object: 'chat.completion.chunk',
        created: 1_700_000_000,
        model: 'gpt-4o-mini',
      })
      expect(chunk.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/)
    }
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null })
    const deltas = chunks.flatMap((c) =>
      c.choices.map((ch: { delta: { content?: string } }) => ch.delta.content ?? ''),
    )
    expect(deltas.join('')).toBe(text)
    const finish = chunks.at(-2)
    expect(finish.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }])
    const usage = chunks.at(-1)
    expect(usage.choices).toEqual([])
    expect(usage.usage).toMatchObject({ completion_tokens: 6, total_tokens: 6 })
  })

  it('writes FastAPI-style data lines with the text in the chosen field', async () => {
    const response = mockStream({ format: 'sse-json', text: 'a b c', field: 'token', done: true })
    const blocks = sseBlocks((await readAll(response)).text)
    expect(blocks).toEqual([
      { data: '{"token":"a"}' },
      { data: '{"token":" b"}' },
      { data: '{"token":" c"}' },
      { data: '[DONE]' },
    ])
  })

  it('writes the Anthropic event sequence with text deltas between block start and stop', async () => {
    const response = mockStream({
      format: 'anthropic',
      text: 'Hi there',
      usage: { inputTokens: 12 },
    })
    const blocks = sseBlocks((await readAll(response)).text)
    expect(blocks.map((b) => b.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ])
    for (const block of blocks) expect(JSON.parse(block.data).type).toBe(block.event)
    const start = JSON.parse(blocks[0]!.data)
    expect(start.message).toMatchObject({ role: 'assistant', content: [], stop_reason: null })
    expect(start.message.usage.input_tokens).toBe(12)
    expect(JSON.parse(blocks[3]!.data).delta).toEqual({ type: 'text_delta', text: 'Hi' })
    expect(JSON.parse(blocks[6]!.data)).toMatchObject({
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 2 },
    })
  })

  it('numbers every Responses event with a growing sequence_number and ends with response.completed', async () => {
    const response = mockStream({ format: 'openai-responses', text: 'One two three' })
    const blocks = sseBlocks((await readAll(response)).text)
    const events = blocks.map((b) => JSON.parse(b.data))
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i))
    expect(blocks.map((b) => b.event)).toEqual(events.map((e) => e.type))
    expect(events[0].type).toBe('response.created')
    expect(events.at(-1).type).toBe('response.completed')
    expect(events.at(-1).response.status).toBe('completed')
    expect(events.at(-1).response.output[0].content[0].text).toBe('One two three')
    const deltas = events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta)
    expect(deltas).toEqual(['One', ' two', ' three'])
  })

  it('writes Ollama NDJSON lines ending with done: true and the eval counts', async () => {
    const response = mockStream({ format: 'ollama', text: 'Why is the sky blue', ttft: 0 })
    expect(response.headers.get('content-type')).toBe('application/x-ndjson')
    const lines = (await readAll(response)).text.split('\n')
    expect(lines.at(-1)).toBe('')
    const objects = lines.slice(0, -1).map((line) => JSON.parse(line))
    expect(objects.slice(0, -1).every((o) => o.done === false)).toBe(true)
    expect(objects.map((o) => o.message.content).join('')).toBe('Why is the sky blue')
    expect(objects.at(-1)).toMatchObject({ done: true, done_reason: 'stop', eval_count: 5 })
  })

  it('answers an HTTP error with the provider error body and Retry-After', async () => {
    const response = mockStream({ format: 'openai-chat', status: 429, retryAfter: 2 })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(await response.json()).toMatchObject({
      error: { type: 'requests', code: 'rate_limit_exceeded' },
    })
    const anthropic = mockStream({ format: 'anthropic', status: 401 })
    expect(await anthropic.json()).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key' },
      request_id: expect.stringMatching(/^req_011C\w{20}$/),
    })
  })
})

describe('mockStream shorthands and edge cases', () => {
  it('drops after dropAfter tokens and sends the provider error after errorAfter tokens', async () => {
    const dropped = (
      await readAll(mockStream({ format: 'openai-chat', text: 'a b c', dropAfter: 1 }))
    ).text
    expect(dropped).toContain('"content":"a"')
    expect(dropped).not.toContain('" b"')
    expect(dropped).not.toContain('[DONE]')
    const failed = (
      await readAll(
        mockStream({ format: 'ollama', text: 'a b c', errorAfter: 2, errorMessage: 'boom' }),
      )
    ).text
    expect(failed.trim().split('\n').at(-1)).toBe('{"error":"boom"}')
  })

  it('writes the events of one moment together, in a single chunk by default', async () => {
    const { chunks } = await readAll(mockStream({ format: 'openai-chat', text: 'a', usage: false }))
    // [role chunk, "a", finish chunk, [DONE]] all at time 0
    expect(chunks.length).toBe(1)
  })

  it('answers 204 with no body', async () => {
    const response = mockStream({ format: 'text', text: 'x', status: 204 })
    expect(response.status).toBe(204)
    expect(response.body).toBeNull()
  })
})

describe('mockStream ollama generate', () => {
  it('writes response fields and returns the context token ids on the done line', async () => {
    const response = mockStream({
      format: 'ollama',
      ollamaEndpoint: 'generate',
      text: 'Hi there',
      usage: { inputTokens: 3 },
    })
    const lines = (await readAll(response)).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => l.response).join('')).toBe('Hi there')
    expect(lines.at(-1)).toMatchObject({ done: true, prompt_eval_count: 3, eval_count: 2 })
    expect(lines.at(-1).context).toHaveLength(5)
    expect(lines[0].message).toBeUndefined()
  })
})

describe('mockStream fault position', () => {
  it('drops before the terminator when after is past the last token', async () => {
    const { text } = await readAll(
      mockStream({ format: 'anthropic', text: 'a b', fault: 'drop-after:99' }),
    )
    expect(text).toContain('"text":" b"')
    expect(text).not.toContain('message_stop')
  })
})

describe('mockStream headers', () => {
  it('accepts headers as a Headers object, a record or pairs, overriding the defaults', () => {
    const fromHeaders = mockStream({ text: 'x', headers: new Headers({ 'x-request-id': 'req_1' }) })
    expect(fromHeaders.headers.get('x-request-id')).toBe('req_1')
    const fromPairs = mockStream({ text: 'x', headers: [['content-type', 'text/event-stream']] })
    expect(fromPairs.headers.get('content-type')).toBe('text/event-stream')
  })
})
