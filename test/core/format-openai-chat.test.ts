import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { decodeEvery } from '../helpers/expect-parts.ts'

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/wire/${name}`, import.meta.url), 'utf8')

describe('openai-chat', () => {
  test('decodes the documented stream with usage and finish reason', async () => {
    const parts = await decodeEvery(fixture('openai-chat/basic.sse'), 'openai-chat')
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
})
