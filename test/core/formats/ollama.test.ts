import { describe, expect, test } from 'vitest'
import { wireFixture } from '../../helpers/fixtures.ts'
import { decodeEvery } from '../../helpers/expect-parts.ts'

describe('ollama', () => {
  test('decodes /api/chat message content and finishes at done with counts', async () => {
    expect(await decodeEvery(wireFixture('ollama/chat.ndjson'), 'ollama')).toEqual([
      { type: 'text', text: 'The' },
      { type: 'text', text: ' sky' },
      { type: 'text', text: ' is blue.' },
      {
        type: 'finish',
        reason: 'stop',
        usage: { inputTokens: 26, outputTokens: 282, totalTokens: 308 },
      },
    ])
  })

  test('decodes /api/generate responses, including text on the done line', async () => {
    expect(await decodeEvery(wireFixture('ollama/generate.ndjson'), 'ollama')).toEqual([
      { type: 'text', text: 'That' },
      { type: 'text', text: "'s" },
      { type: 'text', text: ' great!' },
      {
        type: 'finish',
        reason: 'length',
        usage: { inputTokens: 26, outputTokens: 259, totalTokens: 285 },
      },
    ])
  })

  test('an error line is a provider error that keeps the text', async () => {
    expect(await decodeEvery(wireFixture('ollama/error.ndjson'), 'ollama')).toEqual([
      { type: 'text', text: 'Hel' },
      expect.objectContaining({
        type: 'error',
        kind: 'provider',
        message: 'ollama: an error was encountered while running the model: unexpected EOF',
        partialText: 'Hel',
      }),
    ])
  })

  test('a stream without the done line is truncated', async () => {
    const lines = new TextDecoder().decode(wireFixture('ollama/chat.ndjson')).split('\n')
    const parts = await decodeEvery(lines.slice(0, 2).join('\n'), 'ollama')
    expect(parts.at(-1)).toMatchObject({ kind: 'truncated', partialText: 'The sky' })
  })

  test('a line that is not JSON is a parse error', async () => {
    const parts = await decodeEvery('{"message":{"content":"a"},"done":false}\n{nope\n', 'ollama')
    expect(parts).toEqual([
      { type: 'text', text: 'a' },
      expect.objectContaining({ kind: 'parse', partialText: 'a' }),
    ])
  })

  test('thinking is reasoning and a tool call arrives whole, not as text', async () => {
    const parts = await decodeEvery(wireFixture('ollama/chat-thinking-tools.ndjson'), 'ollama')
    expect(parts.slice(0, -1)).toEqual([
      { type: 'reasoning', text: 'The user asks' },
      { type: 'reasoning', text: ' for weather.' },
      { type: 'tool-call-start', id: 'call_0', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'call_0', argsText: '{"city":"Paris"}' },
      { type: 'tool-call-end', id: 'call_0' },
      { type: 'text', text: 'Checking.' },
    ])
  })
})
