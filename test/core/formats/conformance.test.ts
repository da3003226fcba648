import { describe, expect, test } from 'vitest'
import { decodeEvery, textOf } from '../../helpers/expect-parts.ts'
import { wireFixture } from '../../helpers/fixtures.ts'

// Adversarial cases written from the providers' public stream references, run under every
// chunking. Each transcript is built from documented event shapes.
const sse = (...blocks: string[]) => blocks.map((block) => `${block}\n\n`).join('')
const data = (value: unknown) => `data: ${JSON.stringify(value)}`
const named = (event: string, value: unknown) => `event: ${event}\n${data(value)}`
// An event whose payload's `type` (its first key) repeats the SSE event name, as both
// Anthropic's and the Responses API's events do.
const typed = (type: string, fields: Record<string, unknown> = {}) =>
  named(type, { type, ...fields })
const few = { random: 4 }
// `auto` told the response's Content-Type, as a fetch response would tell it.
const asSse = { ...few, contentType: 'text/event-stream' }
const asNdjson = { ...few, contentType: 'application/x-ndjson' }

const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  data({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices,
    ...extra,
  })

describe('openai-chat, adversarial', () => {
  test('with n > 1 only choice 0 makes the text and the finish reason', async () => {
    const stream = sse(
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
      chunk([{ index: 1, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
      chunk([{ index: 1, delta: { content: 'B1' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: 'A1' }, finish_reason: null }]),
      chunk([
        { index: 1, delta: { content: 'B2' }, finish_reason: null },
        { index: 0, delta: { content: 'A2' }, finish_reason: null },
      ]),
      chunk([{ index: 1, delta: {}, finish_reason: 'length' }]),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
      'data: [DONE]',
    )
    const parts = await decodeEvery(stream, 'openai-chat', { ...few, merge: true })
    expect(textOf(parts)).toBe('A1A2')
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })

  test('include_usage: usage null on every chunk, then a usage chunk with empty choices', async () => {
    const stream = sse(
      chunk([{ index: 0, delta: { content: 'Hi' }, logprobs: null, finish_reason: null }], {
        usage: null,
      }),
      chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], { usage: null }),
      chunk([], {
        usage: {
          prompt_tokens: 20,
          completion_tokens: 30,
          total_tokens: 50,
          prompt_tokens_details: { cached_tokens: 8, audio_tokens: 0 },
          completion_tokens_details: {
            reasoning_tokens: 12,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
      }),
      'data: [DONE]',
    )
    expect(await decodeEvery(stream, 'auto', asSse)).toEqual([
      { type: 'text', text: 'Hi' },
      {
        type: 'finish',
        reason: 'stop',
        usage: {
          inputTokens: 20,
          outputTokens: 30,
          totalTokens: 50,
          reasoningTokens: 12,
          cachedInputTokens: 8,
        },
      },
    ])
  })

  test('logprobs ride along without changing the text', async () => {
    const logprobs = {
      content: [{ token: 'Hi', logprob: -0.1, bytes: [72, 105], top_logprobs: [] }],
      refusal: null,
    }
    const stream = sse(
      chunk([{ index: 0, delta: { content: 'Hi' }, logprobs, finish_reason: null }]),
      chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]),
      'data: [DONE]',
    )
    expect(await decodeEvery(stream, 'openai-chat', few)).toEqual([
      { type: 'text', text: 'Hi' },
      { type: 'finish', reason: 'stop' },
    ])
  })

  test('[DONE] with trailing spaces or without the space still ends, and nothing after it shows', async () => {
    for (const done of ['data: [DONE]  ', 'data:[DONE]']) {
      const stream = sse(
        chunk([{ index: 0, delta: { content: 'A' }, finish_reason: 'stop' }]),
        done,
        chunk([{ index: 0, delta: { content: 'late' }, finish_reason: null }]),
        'data: [DONE]',
      )
      expect(await decodeEvery(stream, 'openai-chat', few)).toEqual([
        { type: 'text', text: 'A' },
        { type: 'finish', reason: 'stop' },
      ])
    }
  })

  test('data that starts with [DONE] ends the stream, as the OpenAI SDKs read it', async () => {
    const stream = sse(
      chunk([{ index: 0, delta: { content: 'A' }, finish_reason: 'stop' }]),
      'data: [DONE] (stream end)',
    )
    expect(await decodeEvery(stream, 'openai-chat', few)).toEqual([
      { type: 'text', text: 'A' },
      { type: 'finish', reason: 'stop' },
    ])
  })

  test('an error JSON without an event name, as the first message of an auto stream', async () => {
    const stream = sse(
      data({
        error: {
          message: 'The server had an error while processing your request.',
          type: 'server_error',
          param: null,
          code: null,
        },
      }),
    )
    const parts = await decodeEvery(stream, 'auto', asSse)
    expect(parts).toEqual([
      expect.objectContaining({
        type: 'error',
        kind: 'provider',
        partialText: '',
        retryable: true,
      }),
    ])
  })

  test('Azure: prompt_filter_results first, content filter results on chunks, content_filter finish', async () => {
    const filters = { hate: { filtered: false, severity: 'safe' } }
    const stream = sse(
      data({
        choices: [],
        created: 0,
        id: '',
        model: '',
        object: '',
        prompt_filter_results: [{ prompt_index: 0, content_filter_results: filters }],
      }),
      chunk([
        {
          index: 0,
          delta: { content: 'Some' },
          content_filter_results: filters,
          finish_reason: null,
        },
      ]),
      chunk([
        {
          index: 0,
          finish_reason: null,
          content_filter_results: { hate: { filtered: true, severity: 'high' } },
          content_filter_offsets: { check_offset: 0, start_offset: 0, end_offset: 4 },
        },
      ]),
      chunk([{ index: 0, delta: {}, content_filter_results: {}, finish_reason: 'content_filter' }]),
      'data: [DONE]',
    )
    expect(await decodeEvery(stream, 'auto', asSse)).toEqual([
      { type: 'text', text: 'Some' },
      { type: 'finish', reason: 'content_filter' },
    ])
  })

  test('a stream that stops after finish_reason but before [DONE] is truncated and keeps the text', async () => {
    const stream = sse(chunk([{ index: 0, delta: { content: 'All' }, finish_reason: 'stop' }]))
    expect(await decodeEvery(stream, 'openai-chat', few)).toEqual([
      { type: 'text', text: 'All' },
      expect.objectContaining({ type: 'error', kind: 'truncated', partialText: 'All' }),
    ])
  })
})

const response = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'resp_1',
  object: 'response',
  created_at: 1741290958,
  status,
  error: null,
  incomplete_details: null,
  model: 'gpt-4.1',
  output: [],
  usage: null,
  ...extra,
})
const ev = (type: string, body: Record<string, unknown>, n: number) =>
  typed(type, { sequence_number: n, ...body })

describe('openai-responses, adversarial', { timeout: 30_000 }, () => {
  test('reasoning summary, a second output item and part, annotations: only output text is text', async () => {
    const stream = sse(
      ev('response.created', { response: response('in_progress') }, 0),
      ev('response.in_progress', { response: response('in_progress') }, 1),
      ev(
        'response.output_item.added',
        { output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [] } },
        2,
      ),
      ev(
        'response.reasoning_summary_part.added',
        {
          item_id: 'rs_1',
          output_index: 0,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        },
        3,
      ),
      ev(
        'response.reasoning_summary_text.delta',
        { item_id: 'rs_1', output_index: 0, summary_index: 0, delta: 'Thinking' },
        4,
      ),
      ev(
        'response.reasoning_summary_text.done',
        { item_id: 'rs_1', output_index: 0, summary_index: 0, text: 'Thinking' },
        5,
      ),
      ev(
        'response.output_item.done',
        { output_index: 0, item: { id: 'rs_1', type: 'reasoning' } },
        6,
      ),
      ev(
        'response.output_item.added',
        {
          output_index: 1,
          item: {
            id: 'msg_1',
            type: 'message',
            status: 'in_progress',
            role: 'assistant',
            content: [],
          },
        },
        7,
      ),
      ev(
        'response.content_part.added',
        {
          item_id: 'msg_1',
          output_index: 1,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [] },
        },
        8,
      ),
      ev(
        'response.output_text.delta',
        { item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'See', logprobs: [] },
        9,
      ),
      ev(
        'response.output_text.annotation.added',
        {
          item_id: 'msg_1',
          output_index: 1,
          content_index: 0,
          annotation_index: 0,
          annotation: {
            type: 'url_citation',
            url: 'https://example.com',
            title: 'Ex',
            start_index: 0,
            end_index: 3,
          },
        },
        10,
      ),
      ev(
        'response.output_text.delta',
        { item_id: 'msg_1', output_index: 1, content_index: 0, delta: ' this.', logprobs: [] },
        11,
      ),
      ev(
        'response.output_text.done',
        { item_id: 'msg_1', output_index: 1, content_index: 0, text: 'See this.', logprobs: [] },
        12,
      ),
      ev(
        'response.content_part.done',
        {
          item_id: 'msg_1',
          output_index: 1,
          content_index: 0,
          part: { type: 'output_text', text: 'See this.', annotations: [] },
        },
        13,
      ),
      ev(
        'response.output_item.done',
        { output_index: 1, item: { id: 'msg_1', type: 'message' } },
        14,
      ),
      ev(
        'response.completed',
        {
          response: response('completed', {
            usage: {
              input_tokens: 36,
              input_tokens_details: { cached_tokens: 4 },
              output_tokens: 87,
              output_tokens_details: { reasoning_tokens: 64 },
              total_tokens: 123,
            },
          }),
        },
        15,
      ),
    )
    const parts = await decodeEvery(stream, 'auto', asSse)
    expect(textOf(parts)).toBe('See this.')
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: {
        inputTokens: 36,
        outputTokens: 87,
        totalTokens: 123,
        reasoningTokens: 64,
        cachedInputTokens: 4,
      },
    })
    const types = parts.flatMap((part) =>
      part.type === 'data' ? [(part.value as { type: string }).type] : [],
    )
    expect(types).not.toContain('response.reasoning_summary_text.delta')
    expect(parts.filter((part) => part.type === 'reasoning' || part.type === 'source')).toEqual([
      { type: 'reasoning', text: 'Thinking' },
      { type: 'source', url: 'https://example.com', title: 'Ex' },
    ])
  })

  test('function_call_arguments deltas add no text', async () => {
    const stream = sse(
      ev('response.created', { response: response('in_progress') }, 0),
      ev(
        'response.output_item.added',
        {
          output_index: 0,
          item: {
            type: 'function_call',
            id: 'fc_1',
            call_id: 'call_1',
            name: 'get_weather',
            arguments: '',
          },
        },
        1,
      ),
      ev(
        'response.function_call_arguments.delta',
        { item_id: 'fc_1', output_index: 0, delta: '{"location":' },
        2,
      ),
      ev(
        'response.function_call_arguments.delta',
        { item_id: 'fc_1', output_index: 0, delta: '"Paris"}' },
        3,
      ),
      ev(
        'response.function_call_arguments.done',
        { item_id: 'fc_1', output_index: 0, arguments: '{"location":"Paris"}' },
        4,
      ),
      ev('response.completed', { response: response('completed') }, 5),
    )
    const parts = await decodeEvery(stream, 'openai-responses', few)
    expect(textOf(parts)).toBe('')
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })

  test('refusal deltas are what the user is told', async () => {
    const stream = sse(
      ev(
        'response.refusal.delta',
        { item_id: 'msg_1', output_index: 0, content_index: 0, delta: "I can't" },
        0,
      ),
      ev(
        'response.refusal.delta',
        { item_id: 'msg_1', output_index: 0, content_index: 0, delta: ' help.' },
        1,
      ),
      ev(
        'response.refusal.done',
        { item_id: 'msg_1', output_index: 0, content_index: 0, refusal: "I can't help." },
        2,
      ),
      ev('response.completed', { response: response('completed') }, 3),
    )
    const parts = await decodeEvery(stream, 'openai-responses', { ...few, merge: true })
    expect(textOf(parts)).toBe("I can't help.")
  })

  test('response.incomplete is a normal end with the reason and usage', async () => {
    const stream = sse(
      ev(
        'response.output_text.delta',
        { item_id: 'm', output_index: 0, content_index: 0, delta: 'Cut' },
        0,
      ),
      ev(
        'response.incomplete',
        {
          response: response('incomplete', {
            incomplete_details: { reason: 'max_output_tokens' },
            usage: {
              input_tokens: 5,
              output_tokens: 16,
              total_tokens: 21,
              output_tokens_details: { reasoning_tokens: 0 },
            },
          }),
        },
        1,
      ),
    )
    expect(await decodeEvery(stream, 'openai-responses', few)).toEqual([
      { type: 'text', text: 'Cut' },
      {
        type: 'finish',
        reason: 'max_output_tokens',
        usage: { inputTokens: 5, outputTokens: 16, totalTokens: 21, reasoningTokens: 0 },
      },
    ])
  })

  test('response.failed is a provider error with the error code; text is kept', async () => {
    const stream = sse(
      ev(
        'response.output_text.delta',
        { item_id: 'm', output_index: 0, content_index: 0, delta: 'Par' },
        0,
      ),
      ev(
        'response.failed',
        {
          response: response('failed', {
            error: { code: 'server_error', message: 'The model failed to generate a response.' },
          }),
        },
        1,
      ),
    )
    expect(await decodeEvery(stream, 'auto', asSse)).toEqual([
      { type: 'text', text: 'Par' },
      expect.objectContaining({
        type: 'error',
        kind: 'provider',
        code: 'server_error',
        partialText: 'Par',
        retryable: true,
      }),
    ])
  })

  test('the documented error event is a provider error carrying its code and message', async () => {
    const stream = sse(
      typed('error', {
        code: 'ERR_SOMETHING',
        message: 'Something went wrong',
        param: null,
        sequence_number: 1,
      }),
    )
    const parts = await decodeEvery(stream, 'auto', asSse)
    expect(parts).toEqual([
      expect.objectContaining({ type: 'error', kind: 'provider', code: 'ERR_SOMETHING' }),
    ])
    expect(parts[0]?.type === 'error' && parts[0].message).toContain('Something went wrong')
  })

  test('auto: a nested Responses error as the very first event is read as a Responses error', async () => {
    const stream = sse(
      typed('error', {
        error: {
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
          message: 'Too long',
          param: 'input',
        },
        sequence_number: 0,
      }),
    )
    expect(await decodeEvery(stream, 'auto', asSse)).toEqual([
      expect.objectContaining({
        type: 'error',
        kind: 'provider',
        code: 'context_length_exceeded',
        message: 'openai-responses: Too long',
      }),
    ])
  })

  test('an error event whose payload nests the error is still a Responses provider error', async () => {
    const stream = sse(
      ev('response.created', { response: response('in_progress') }, 0),
      typed('error', {
        error: {
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
          message: 'Too long',
          param: 'input',
        },
        sequence_number: 1,
      }),
    )
    expect(await decodeEvery(stream, 'auto', asSse)).toEqual([
      expect.objectContaining({
        type: 'error',
        kind: 'provider',
        code: 'context_length_exceeded',
        message: 'openai-responses: Too long',
      }),
    ])
  })
})

const msgStart = (usage: Record<string, unknown>) =>
  typed('message_start', {
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'claude-sonnet-4-5',
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  })

// Anthropic's content-block events, as its streaming reference shows them.
const blockStart = (index: number, contentBlock: Record<string, unknown>) =>
  typed('content_block_start', { index, content_block: contentBlock })
const blockDelta = (index: number, delta: Record<string, unknown>) =>
  typed('content_block_delta', { index, delta })
const blockStop = (index: number) => typed('content_block_stop', { index })

describe('anthropic, adversarial', () => {
  test('a stream whose first event is ping is detected and decoded', async () => {
    const stream = sse(
      typed('ping'),
      msgStart({ input_tokens: 10, output_tokens: 1 }),
      blockStart(0, { type: 'text', text: '' }),
      blockDelta(0, { type: 'text_delta', text: 'Hi' }),
      blockStop(0),
      typed('message_delta', {
        delta: { stop_reason: 'max_tokens', stop_sequence: null },
        usage: { output_tokens: 3 },
      }),
      typed('message_stop'),
    )
    expect(await decodeEvery(stream, 'auto', asSse)).toEqual([
      { type: 'text', text: 'Hi' },
      {
        type: 'finish',
        reason: 'max_tokens',
        usage: { inputTokens: 10, outputTokens: 3, totalTokens: 13 },
      },
    ])
  })

  test('an error as the very first event is a provider error, retryable when overloaded', async () => {
    const stream = sse(
      typed('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
    )
    expect(await decodeEvery(stream, 'auto', asSse)).toEqual([
      expect.objectContaining({
        type: 'error',
        kind: 'provider',
        code: 'overloaded_error',
        retryable: true,
        partialText: '',
      }),
    ])
  })

  test('input tokens count cache reads and writes, as Anthropic documents the total input', async () => {
    const stream = sse(
      msgStart({
        input_tokens: 50,
        cache_creation_input_tokens: 248,
        cache_read_input_tokens: 1000,
        output_tokens: 1,
      }),
      blockStart(0, { type: 'text', text: '' }),
      blockDelta(0, { type: 'text_delta', text: 'Ok' }),
      blockStop(0),
      typed('message_delta', {
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 20 },
      }),
      typed('message_stop'),
    )
    const parts = await decodeEvery(stream, 'anthropic', few)
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      reason: 'end_turn',
      usage: { inputTokens: 1298, outputTokens: 20, totalTokens: 1318, cachedInputTokens: 1000 },
    })
  })

  test('a message_delta carrying cumulative input and cache counts overrides the start', async () => {
    const stream = sse(
      msgStart({
        input_tokens: 50,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 1,
      }),
      typed('message_delta', {
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: {
          input_tokens: 60,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 40,
          output_tokens: 9,
        },
      }),
      typed('message_stop'),
    )
    const parts = await decodeEvery(stream, 'anthropic', few)
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      reason: 'end_turn',
      usage: { inputTokens: 100, outputTokens: 9, totalTokens: 109, cachedInputTokens: 40 },
    })
  })

  test('thinking, signature and tool input deltas add no text; tool_use is the reason', async () => {
    const stream = sse(
      msgStart({ input_tokens: 10, output_tokens: 1 }),
      blockStart(0, { type: 'thinking', thinking: '' }),
      blockDelta(0, { type: 'thinking_delta', thinking: 'Let me' }),
      blockDelta(0, { type: 'signature_delta', signature: 'EqQBCgIYAhIM' }),
      blockStop(0),
      blockStart(1, { type: 'text', text: '' }),
      blockDelta(1, { type: 'text_delta', text: 'Checking.' }),
      blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }),
      blockDelta(2, { type: 'input_json_delta', partial_json: '' }),
      blockDelta(2, { type: 'input_json_delta', partial_json: '{"location": "San Fra' }),
      blockDelta(2, { type: 'input_json_delta', partial_json: 'ncisco"}' }),
      blockStop(2),
      typed('message_delta', {
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 89 },
      }),
      typed('message_stop'),
    )
    const parts = await decodeEvery(stream, 'auto', asSse)
    expect(textOf(parts)).toBe('Checking.')
    expect(parts.at(-1)).toEqual(expect.objectContaining({ type: 'finish', reason: 'tool_use' }))
  })

  test('an error after text keeps the text; nothing after the error shows', async () => {
    const stream = sse(
      msgStart({ input_tokens: 10, output_tokens: 1 }),
      blockDelta(0, { type: 'text_delta', text: 'Half' }),
      typed('error', {
        error: { type: 'api_error', message: 'Internal server error' },
      }),
      blockDelta(0, { type: 'text_delta', text: 'more' }),
      typed('message_stop'),
    )
    expect(await decodeEvery(stream, 'anthropic', few)).toEqual([
      { type: 'text', text: 'Half' },
      expect.objectContaining({
        type: 'error',
        kind: 'provider',
        code: 'api_error',
        partialText: 'Half',
        retryable: true,
      }),
    ])
  })
})

const line = (value: unknown) => `${JSON.stringify(value)}\n`

describe('ollama, adversarial', () => {
  const at = '2023-08-04T19:22:45.499127Z'
  test('generate: the documented final line gives done_reason and eval counts', async () => {
    const stream =
      line({ model: 'llama3.2', created_at: at, response: 'The', done: false }) +
      line({ model: 'llama3.2', created_at: at, response: ' sky', done: false }) +
      line({
        model: 'llama3.2',
        created_at: at,
        response: '',
        done: true,
        done_reason: 'stop',
        context: [1, 2, 3],
        total_duration: 10706818083,
        load_duration: 6338219291,
        prompt_eval_count: 26,
        prompt_eval_duration: 130079000,
        eval_count: 259,
        eval_duration: 4232710000,
      })
    expect(await decodeEvery(stream, 'auto', asNdjson)).toEqual([
      { type: 'text', text: 'The' },
      { type: 'text', text: ' sky' },
      {
        type: 'finish',
        reason: 'stop',
        usage: { inputTokens: 26, outputTokens: 259, totalTokens: 285 },
      },
    ])
  })

  test("the streaming example of Ollama's docs: text in the done line too, then the finish", async () => {
    const parts = await decodeEvery(wireFixture('ollama/docs-streaming.ndjson'), 'auto', {
      ...asNdjson,
      merge: true,
    })
    expect(parts).toEqual([
      { type: 'text', text: "That's a fantastic question!" },
      { type: 'finish', reason: 'stop' },
    ])
  })

  test("the mid-stream error example of Ollama's docs is a provider error after the text", async () => {
    const parts = await decodeEvery(wireFixture('ollama/docs-error.ndjson'), 'auto', {
      ...asNdjson,
      merge: true,
    })
    expect(parts).toEqual([
      { type: 'text', text: ' Yes.Ican' },
      expect.objectContaining({
        type: 'error',
        kind: 'provider',
        message: 'ollama: an error was encountered while running the model',
        partialText: ' Yes.Ican',
      }),
    ])
  })

  test('chat over CRLF with blank lines and a last line without a newline', async () => {
    const stream = [
      JSON.stringify({
        model: 'llama3.2',
        created_at: at,
        message: { role: 'assistant', content: 'Hé' },
        done: false,
      }),
      '',
      JSON.stringify({
        model: 'llama3.2',
        created_at: at,
        message: { role: 'assistant', content: '!' },
        done: false,
      }),
      '   ',
      JSON.stringify({
        model: 'llama3.2',
        created_at: at,
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: 'length',
        prompt_eval_count: 5,
        eval_count: 2,
      }),
    ].join('\r\n')
    expect(await decodeEvery(stream, 'auto', asNdjson)).toEqual([
      { type: 'text', text: 'Hé' },
      { type: 'text', text: '!' },
      {
        type: 'finish',
        reason: 'length',
        usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
      },
    ])
  })

  test('an error line mid-stream is a provider error that keeps the text', async () => {
    const stream =
      line({ model: 'llama3.2', created_at: at, response: 'Par', done: false }) +
      line({ error: 'an error was encountered while running the model: unexpected EOF' }) +
      line({ model: 'llama3.2', created_at: at, response: 'x', done: true })
    expect(await decodeEvery(stream, 'ollama', few)).toEqual([
      { type: 'text', text: 'Par' },
      expect.objectContaining({ type: 'error', kind: 'provider', partialText: 'Par' }),
    ])
  })

  test('an error as the first line of an auto stream is a provider error', async () => {
    const stream = line({ error: "model 'llama9' not found" })
    expect(await decodeEvery(stream, 'auto', asNdjson)).toEqual([
      expect.objectContaining({ type: 'error', kind: 'provider' }),
    ])
  })

  test('a body cut in the middle of a line is truncated, not a parse error', async () => {
    const whole = line({ model: 'llama3.2', created_at: at, response: 'Par', done: false })
    const cut = `${whole}${line({ model: 'llama3.2', created_at: at, response: 'tial', done: false }).slice(0, 40)}`
    expect(await decodeEvery(cut, 'ollama', few)).toEqual([
      { type: 'text', text: 'Par' },
      expect.objectContaining({
        type: 'error',
        kind: 'truncated',
        partialText: 'Par',
        retryable: true,
      }),
    ])
  })

  test('a body cut inside a UTF-8 character of its last line is truncated', async () => {
    const bytes = new TextEncoder().encode(`${line({ text: 'a' })}{"text":"é`)
    expect(await decodeEvery(bytes.slice(0, -1), 'ndjson', few)).toEqual([
      { type: 'text', text: 'a' },
      expect.objectContaining({ type: 'error', kind: 'truncated', partialText: 'a' }),
    ])
  })

  test('a last line without a newline that is whole still counts, and one that is not JSON is a parse error', async () => {
    const stream =
      line({ model: 'm', created_at: at, response: 'a', done: false }) +
      JSON.stringify({ model: 'm', created_at: at, response: 'b', done: true, done_reason: 'stop' })
    expect(await decodeEvery(stream, 'ollama', few)).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'finish', reason: 'stop' },
    ])
    expect(await decodeEvery(`${line({ text: 'a' })}{nope`, 'ndjson', few)).toEqual([
      { type: 'text', text: 'a' },
      expect.objectContaining({ type: 'error', kind: 'parse', partialText: 'a' }),
    ])
  })

  test('a body that ends before done: true is truncated', async () => {
    const stream = line({ model: 'llama3.2', created_at: at, response: 'Par', done: false })
    expect(await decodeEvery(stream, 'ollama', few)).toEqual([
      { type: 'text', text: 'Par' },
      expect.objectContaining({ type: 'error', kind: 'truncated', partialText: 'Par' }),
    ])
  })
})

describe('sse-json and ndjson, adversarial', () => {
  test('sse-json whose first event has empty text is still sse-json', async () => {
    const stream = sse(data({ text: '' }), data({ text: 'a' }), data({ text: 'b' }))
    expect(await decodeEvery(stream, 'auto', asSse)).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'finish' },
    ])
  })

  test("an error event with FastAPI's detail field carries that message", async () => {
    const stream = sse(data({ text: 'a' }), named('error', { detail: 'Model overloaded' }))
    expect(await decodeEvery(stream, 'sse-json', few)).toEqual([
      { type: 'text', text: 'a' },
      expect.objectContaining({
        type: 'error',
        kind: 'provider',
        message: 'sse-json: Model overloaded',
      }),
    ])
  })

  test('ndjson with a line split across chunks and a very long line', async () => {
    const long = 'y'.repeat(5000)
    const stream = `${line({ text: 'a' })}${line({ text: long })}`
    const parts = await decodeEvery(stream, 'ndjson', { random: 4 })
    expect(textOf(parts)).toBe(`a${long}`)
  })
})

describe('nothing after the terminator is shown', () => {
  test('anthropic: events after message_stop', async () => {
    const delta = (text: string) => blockDelta(0, { type: 'text_delta', text })
    const stream = sse(
      delta('a'),
      typed('message_stop'),
      delta('b'),
      typed('error', { error: { type: 'api_error', message: 'late' } }),
    )
    expect(await decodeEvery(stream, 'anthropic', few)).toEqual([
      { type: 'text', text: 'a' },
      { type: 'finish' },
    ])
  })

  test('openai-responses: events after response.completed', async () => {
    const stream = sse(
      ev(
        'response.output_text.delta',
        { item_id: 'm', output_index: 0, content_index: 0, delta: 'a' },
        0,
      ),
      ev('response.completed', { response: response('completed') }, 1),
      ev(
        'response.output_text.delta',
        { item_id: 'm', output_index: 0, content_index: 0, delta: 'b' },
        2,
      ),
      ev(
        'response.failed',
        { response: response('failed', { error: { code: 'server_error', message: 'late' } }) },
        3,
      ),
    )
    expect(await decodeEvery(stream, 'openai-responses', few)).toEqual([
      { type: 'text', text: 'a' },
      { type: 'finish', reason: 'stop' },
    ])
  })

  test('ollama: lines after done: true', async () => {
    const stream =
      line({ response: 'a', done: false }) +
      line({ response: '', done: true, done_reason: 'stop' }) +
      line({ response: 'b', done: false }) +
      line({ error: 'late' })
    expect(await decodeEvery(stream, 'ollama', few)).toEqual([
      { type: 'text', text: 'a' },
      { type: 'finish', reason: 'stop' },
    ])
  })
})

describe('auto without a Content-Type decides from the first bytes', () => {
  test("Ollama's documented stream", async () => {
    const parts = await decodeEvery(wireFixture('ollama/docs-streaming.ndjson'), 'auto', {
      ...few,
      merge: true,
    })
    expect(parts).toEqual([
      { type: 'text', text: "That's a fantastic question!" },
      { type: 'finish', reason: 'stop' },
    ])
  })

  test('an Anthropic stream behind a BOM and CRLF line ends', async () => {
    const stream =
      '\uFEFF' +
      sse(
        typed('message_start', {
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            content: [],
            usage: { input_tokens: 3, output_tokens: 1 },
          },
        }),
        blockDelta(0, { type: 'text_delta', text: 'Hi' }),
        typed('message_stop'),
      ).replaceAll('\n', '\r\n')
    expect(await decodeEvery(stream, 'auto', few)).toEqual([
      { type: 'text', text: 'Hi' },
      { type: 'finish', usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 } },
    ])
  })
})
