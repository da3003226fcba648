import { describe, expect, test } from 'vitest'
import { decodeEvery } from '../helpers/expect-parts.ts'

describe('text', () => {
  test('the body is the text, multi-byte characters intact under any split', async () => {
    const parts = await decodeEvery('Grüße, 世界 👋\r\nok', 'text', { merge: true })
    expect(parts).toEqual([{ type: 'text', text: 'Grüße, 世界 👋\r\nok' }, { type: 'finish' }])
  })
})

describe('sse-json', () => {
  test('takes text, token, content, delta and JSON strings, and ends at the body end', async () => {
    const transcript =
      'data: {"text":"a"}\n\ndata: {"token":"b"}\n\ndata: {"content":"c"}\n\n' +
      'data: {"delta":"d"}\n\ndata: "e"\n\ndata: {"meta":1}\n\n'
    const parts = await decodeEvery(transcript, 'sse-json')
    expect(parts).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'text', text: 'c' },
      { type: 'text', text: 'd' },
      { type: 'text', text: 'e' },
      { type: 'data', value: { meta: 1 } },
      { type: 'finish' },
    ])
  })
})

describe('sse-json edge cases', () => {
  test('[DONE] ends the stream and later events are ignored', async () => {
    expect(
      await decodeEvery('data: {"text":"a"}\n\ndata: [DONE]\n\ndata: {"text":"b"}\n\n', 'sse-json'),
    ).toEqual([{ type: 'text', text: 'a' }, { type: 'finish' }])
  })

  test('{"error": …} and event: error are provider errors that keep the text', async () => {
    expect(
      await decodeEvery('data: {"text":"a"}\n\ndata: {"error":"quota exceeded"}\n\n', 'sse-json'),
    ).toEqual([
      { type: 'text', text: 'a' },
      expect.objectContaining({
        kind: 'provider',
        message: 'sse-json: quota exceeded',
        partialText: 'a',
      }),
    ])
    expect(await decodeEvery('event: error\ndata: {"message":"boom"}\n\n', 'sse-json')).toEqual([
      expect.objectContaining({ kind: 'provider', message: 'sse-json: boom' }),
    ])
  })

  test('data that is not JSON is a parse error', async () => {
    expect(await decodeEvery('data: {"text":"a"}\n\ndata: hello\n\n', 'sse-json')).toEqual([
      { type: 'text', text: 'a' },
      expect.objectContaining({ kind: 'parse', partialText: 'a' }),
    ])
  })
})

describe('ndjson', () => {
  test('takes the same fields as sse-json, one JSON value a line, CRLF or LF', async () => {
    expect(
      await decodeEvery('{"text":"a"}\r\n"b"\n\n{"delta":"c"}\n{"other":true}', 'ndjson'),
    ).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'text', text: 'c' },
      { type: 'data', value: { other: true } },
      { type: 'finish' },
    ])
  })

  test('a line that is not JSON is a parse error', async () => {
    expect(await decodeEvery('{"text":"a"}\nnot json\n{"text":"b"}\n', 'ndjson')).toEqual([
      { type: 'text', text: 'a' },
      expect.objectContaining({ kind: 'parse', partialText: 'a' }),
    ])
  })
})

describe('text edge cases', () => {
  test('strips a leading BOM and turns a cut multi-byte character at the end into U+FFFD', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('\uFEFFok 世'), 0xe7, 0x95])
    expect(await decodeEvery(bytes, 'text', { merge: true })).toEqual([
      { type: 'text', text: 'ok 世\uFFFD' },
      { type: 'finish' },
    ])
  })
})

describe('error events', () => {
  test.each(['openai-chat', 'openai-responses', 'anthropic', 'sse-json'] as const)(
    '%s: an error event with plain-text or empty data is a provider error',
    async (format) => {
      expect(await decodeEvery('event: error\ndata: upstream timed out\n\n', format)).toEqual([
        expect.objectContaining({ kind: 'provider', message: `${format}: upstream timed out` }),
      ])
      expect(await decodeEvery('event: error\ndata:\n\n', format)).toEqual([
        expect.objectContaining({
          kind: 'provider',
          message: `${format}: the provider sent an error`,
        }),
      ])
    },
  )
})
