import { describe, expect, test } from 'vitest'
import { decodeEvery, textOf } from '../../helpers/expect-parts.ts'
import { wireFixture } from '../../helpers/fixtures.ts'

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

describe('generic JSON streams', () => {
  test('an sse-starlette stream with named events, a ping comment and an end event', async () => {
    expect(await decodeEvery(wireFixture('sse-json/fastapi.sse'), 'sse-json')).toEqual([
      { type: 'text', text: 'Stream' },
      { type: 'text', text: 'ing ' },
      { type: 'text', text: 'works' },
      { type: 'data', value: { status: 'done' } },
      { type: 'finish' },
    ])
  })

  test('reasoning and tool deltas of a typed stream are data, not text', async () => {
    const parts = await decodeEvery(wireFixture('sse-json/ai-sdk-ui-stream.sse'), 'auto', {
      contentType: 'text/event-stream',
    })
    expect(textOf(parts)).toBe('Hello, world')
    expect(parts.filter((part) => part.type === 'data')).toHaveLength(10)
    expect(parts.at(-1)).toEqual({ type: 'finish' })
  })

  test('a typed error message is a provider error', async () => {
    const transcript =
      'data: {"type":"text-delta","delta":"a"}\n\ndata: {"type":"error","errorText":"Rate limited"}\n\n'
    expect(await decodeEvery(transcript, 'sse-json')).toEqual([
      { type: 'text', text: 'a' },
      expect.objectContaining({
        kind: 'provider',
        message: 'sse-json: Rate limited',
        partialText: 'a',
      }),
    ])
  })
})

describe('Gemini (recognised by auto)', () => {
  test('decodes candidate text, keeps thoughts out, and finishes at the body end', async () => {
    const parts = await decodeEvery(wireFixture('gemini/stream.sse'), 'auto', {
      contentType: 'text/event-stream',
    })
    expect(parts).toEqual([
      { type: 'text', text: 'Once' },
      { type: 'data', value: { text: 'Let me think.', thought: true } },
      { type: 'text', text: ' upon a time, a magic backpack.' },
      {
        type: 'finish',
        reason: 'STOP',
        usage: { inputTokens: 8, outputTokens: 12, totalTokens: 40, reasoningTokens: 20 },
      },
    ])
  })

  test('an error payload is a provider error with its HTTP code', async () => {
    const transcript =
      'data: {"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"},"index":0}]}\n\n' +
      'data: {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}\n\n'
    expect(await decodeEvery(transcript, 'auto', { contentType: 'text/event-stream' })).toEqual([
      { type: 'text', text: 'Hi' },
      expect.objectContaining({
        kind: 'provider',
        status: 503,
        retryable: true,
        partialText: 'Hi',
      }),
    ])
  })
})

describe('nested generic fields', () => {
  test('reads the token text of a Hugging Face TGI stream and skips special tokens', async () => {
    expect(
      await decodeEvery(wireFixture('sse-json/tgi.sse'), 'auto', {
        contentType: 'text/event-stream',
      }),
    ).toEqual([
      { type: 'text', text: 'Deep' },
      { type: 'text', text: ' learning' },
      { type: 'finish' },
    ])
  })

  test('reads {"delta": {"text": …}} and {"delta": {"content": …}}', async () => {
    expect(
      await decodeEvery('{"delta":{"text":"a"}}\n{"delta":{"content":"b"}}\n', 'ndjson'),
    ).toEqual([{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'finish' }])
  })
})

describe('error fields that say nothing', () => {
  test('"error": null, false or "" on every message is not an error', async () => {
    const transcript =
      'data: {"text":"a","error":null}\n\ndata: {"text":"b","error":""}\n\ndata: {"text":"c","error":false}\n\n'
    expect(await decodeEvery(transcript, 'sse-json', { random: 3 })).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'text', text: 'c' },
      { type: 'finish' },
    ])
  })
})
