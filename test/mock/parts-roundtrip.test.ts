import { describe, expect, test } from 'vitest'
import { createStream, type MessagePart } from 'rivulet/core'
import { mockStream, type MockStreamOptions } from 'rivulet/mock'

const script: MockStreamOptions = {
  reasoning: 'The user wants two cities, so two lookups.',
  text: 'Checking the forecast now.',
  sources: [
    { url: 'https://weather.example/paris', title: 'Paris forecast' },
    { url: 'https://weather.example/tokyo', title: 'Tokyo forecast' },
  ],
  toolCalls: [
    { name: 'get_weather', args: { location: 'Paris', units: ['c'] } },
    { id: 'mine', name: 'get_weather', args: { location: 'Tokyo' } },
  ],
}

/** The final parts of a mock answer read by createStream, cut in chunks of 7 bytes. */
async function partsOf(format: MockStreamOptions['format']) {
  const stream = createStream({
    url: 'http://mock/',
    format,
    retry: false,
    fetch: async () => mockStream({ ...script, format, chunkSize: 7 }),
  })
  return stream.start()
}

const call = (id: string, location: string, extra: object = {}): MessagePart => ({
  type: 'tool-call',
  id,
  name: 'get_weather',
  argsText: JSON.stringify({ location, ...extra }),
  args: { location, ...extra },
  status: 'complete',
})

const reasoning = { type: 'reasoning', text: script.reasoning }
const text = { type: 'text', text: script.text }
const sources = script.sources!.map((s) => ({ type: 'source', ...s }))

describe('mock reasoning, tool-call and citation scripts decode back through rivulet/core', () => {
  test('openai-chat: reasoning_content, index-keyed tool calls (no streamed citations)', async () => {
    const result = await partsOf('openai-chat')
    expect(result.finishReason).toBe('tool_calls')
    expect(result.parts).toEqual([
      reasoning,
      text,
      call('call_1', 'Paris', { units: ['c'] }),
      call('mine', 'Tokyo'),
    ])
  })

  test('openai-responses: summary deltas, url_citation annotations, function calls', async () => {
    const result = await partsOf('openai-responses')
    expect(result.parts).toEqual([
      reasoning,
      text,
      ...sources,
      call('call_1', 'Paris', { units: ['c'] }),
      call('mine', 'Tokyo'),
    ])
  })

  test('anthropic: a signed thinking block, citations_delta, tool_use blocks', async () => {
    const result = await partsOf('anthropic')
    expect(result.finishReason).toBe('tool_use')
    const [thinking, ...rest] = result.parts
    expect(thinking).toEqual({ ...reasoning, signature: expect.any(String) })
    expect(rest).toEqual([
      text,
      ...sources,
      call('toolu_1', 'Paris', { units: ['c'] }),
      call('mine', 'Tokyo'),
    ])
  })

  test('ollama: thinking and whole tool calls', async () => {
    const result = await partsOf('ollama')
    expect(result.parts).toEqual([
      reasoning,
      text,
      call('call_1', 'Paris', { units: ['c'] }),
      call('mine', 'Tokyo'),
    ])
  })

  test('without the new options the wire is what it was: one text part', async () => {
    for (const format of ['openai-chat', 'openai-responses', 'anthropic', 'ollama'] as const) {
      const stream = createStream({
        url: 'http://mock/',
        format,
        fetch: async () => mockStream({ format, text: 'Just text.' }),
      })
      expect((await stream.start()).parts).toEqual([{ type: 'text', text: 'Just text.' }])
    }
  })
})
