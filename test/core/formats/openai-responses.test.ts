import { describe, expect, test } from 'vitest'
import { wireFixture } from '../../helpers/fixtures.ts'
import { decodeEvery, textOf } from '../../helpers/expect-parts.ts'

describe('openai-responses', { timeout: 30_000 }, () => {
  test('decodes output text deltas and finishes at response.completed with usage', async () => {
    const parts = await decodeEvery(wireFixture('openai-responses/basic.sse'), 'openai-responses')
    expect(parts.filter((part) => part.type !== 'data')).toEqual([
      { type: 'text', text: 'Hi' },
      { type: 'text', text: ' there' },
      { type: 'source', url: 'https://example.com', title: 'Example' },
      {
        type: 'finish',
        reason: 'stop',
        usage: {
          inputTokens: 37,
          outputTokens: 11,
          totalTokens: 48,
          reasoningTokens: 0,
          cachedInputTokens: 0,
        },
      },
    ])
  })

  test('output item events add no text; a url_citation annotation is a source', async () => {
    const parts = await decodeEvery(wireFixture('openai-responses/basic.sse'), 'openai-responses')
    const types = parts.flatMap((part) =>
      part.type === 'data' ? [(part.value as { type: string }).type] : [],
    )
    expect(types).toEqual(['response.output_item.added', 'response.output_item.done'])
  })

  test('a function call item streams as a tool call keyed by its call_id', async () => {
    const parts = await decodeEvery(
      wireFixture('openai-responses/function-call.sse'),
      'openai-responses',
    )
    expect(textOf(parts)).toBe('')
    expect(parts).toEqual([
      { type: 'tool-call-start', id: 'call_1', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'call_1', argsText: '{"city":' },
      { type: 'tool-call-delta', id: 'call_1', argsText: '"Paris"}' },
      { type: 'tool-call-end', id: 'call_1' },
      {
        type: 'finish',
        reason: 'stop',
        usage: { inputTokens: 20, outputTokens: 8, totalTokens: 28 },
      },
    ])
  })

  test('response.incomplete is a normal end with the incomplete reason', async () => {
    const parts = await decodeEvery(
      wireFixture('openai-responses/incomplete.sse'),
      'openai-responses',
    )
    expect(parts).toEqual([
      { type: 'text', text: 'A long' },
      { type: 'text', text: ' story' },
      {
        type: 'finish',
        reason: 'max_output_tokens',
        usage: {
          inputTokens: 12,
          outputTokens: 16,
          totalTokens: 28,
          reasoningTokens: 0,
          cachedInputTokens: 4,
        },
      },
    ])
  })

  test('response.failed is a provider error that keeps the text', async () => {
    const parts = await decodeEvery(wireFixture('openai-responses/failed.sse'), 'openai-responses')
    expect(parts).toEqual([
      { type: 'text', text: 'Start' },
      {
        type: 'error',
        kind: 'provider',
        message: 'openai-responses: The model failed to generate a response.',
        partialText: 'Start',
        retryable: true,
        status: 500,
        code: 'server_error',
      },
    ])
  })

  test('an error event is a provider error with its code', async () => {
    const parts = await decodeEvery(wireFixture('openai-responses/error.sse'), 'openai-responses')
    expect(parts).toEqual([
      { type: 'text', text: 'Some' },
      expect.objectContaining({
        kind: 'provider',
        code: 'rate_limit_exceeded',
        status: 429,
        partialText: 'Some',
      }),
    ])
  })

  test('a stream that ends before its terminal event is truncated', async () => {
    const full = new TextDecoder().decode(wireFixture('openai-responses/basic.sse'))
    const cut = full.slice(0, full.indexOf('event: response.completed'))
    const parts = await decodeEvery(cut, 'openai-responses', { random: 5 })
    expect(parts.at(-1)).toMatchObject({ kind: 'truncated', partialText: 'Hi there' })
  })
})
