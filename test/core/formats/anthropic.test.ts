import { describe, expect, test } from 'vitest'
import { wireFixture } from '../../helpers/fixtures.ts'
import { decodeEvery, textOf } from '../../helpers/expect-parts.ts'

describe('anthropic', () => {
  test('decodes text deltas, ignores ping, and finishes at message_stop with usage', async () => {
    const parts = await decodeEvery(wireFixture('anthropic/basic.sse'), 'anthropic')
    expect(parts).toEqual([
      { type: 'text', text: 'Hello' },
      { type: 'text', text: '!' },
      {
        type: 'finish',
        reason: 'end_turn',
        usage: { inputTokens: 25, outputTokens: 15, totalTokens: 40 },
      },
    ])
  })

  test('thinking, its signature and a tool_use block are reasoning and tool-call parts', async () => {
    const parts = await decodeEvery(wireFixture('anthropic/thinking-and-tools.sse'), 'anthropic')
    expect(textOf(parts)).toBe('Let me check.')
    expect(parts.filter((part) => part.type !== 'finish')).toEqual([
      { type: 'reasoning', text: 'The user wants the weather.' },
      {
        type: 'reasoning',
        text: '',
        signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds',
      },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call-start', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' },
      {
        type: 'tool-call-delta',
        id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
        argsText: '{"location": "San Fra',
      },
      { type: 'tool-call-delta', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', argsText: 'ncisco, CA"}' },
      { type: 'tool-call-end', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6' },
    ])
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      reason: 'tool_use',
      // input_tokens leaves out the 100 read from the cache; the input the prompt took counts them.
      usage: { inputTokens: 572, outputTokens: 89, totalTokens: 661, cachedInputTokens: 100 },
    })
  })

  test('event: error is a provider error with the error type, retryable when overloaded', async () => {
    const parts = await decodeEvery(wireFixture('anthropic/overloaded.sse'), 'anthropic')
    expect(parts).toEqual([
      { type: 'text', text: 'Half an' },
      {
        type: 'error',
        kind: 'provider',
        message: 'anthropic: Overloaded',
        partialText: 'Half an',
        retryable: true,
        status: 529,
        code: 'overloaded_error',
      },
    ])
  })

  test('an invalid request error mid-stream is not retryable', async () => {
    const transcript =
      'event: error\ndata: {"type":"error","error":{"type":"invalid_request_error","message":"bad"}}\n\n'
    expect(await decodeEvery(transcript, 'anthropic')).toEqual([
      expect.objectContaining({
        kind: 'provider',
        code: 'invalid_request_error',
        retryable: false,
      }),
    ])
  })

  test('a stream that ends before message_stop is truncated', async () => {
    const parts = await decodeEvery(wireFixture('anthropic/truncated.sse'), 'anthropic')
    expect(parts).toEqual([
      { type: 'text', text: 'Cut' },
      expect.objectContaining({ type: 'error', kind: 'truncated', partialText: 'Cut' }),
    ])
  })

  test('decodes the same with CRLF line ends', async () => {
    const lf = new TextDecoder().decode(wireFixture('anthropic/basic.sse'))
    const parts = await decodeEvery(lf.replaceAll('\n', '\r\n'), 'anthropic', { random: 5 })
    expect(textOf(parts)).toBe('Hello!')
    expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'end_turn' })
  })
})
