import { describe, expect, test } from 'vitest'
import type { FormatAdapter, SSEMessage, StreamFormat } from 'rivulet/core'
import { decodeEvery } from '../../helpers/expect-parts.ts'

const sse = 'text/event-stream'

/** A custom SSE adapter whose end is the end of the body: each event's data is text. */
const plainEvents: FormatAdapter = {
  name: 'plain-events',
  framing: 'sse',
  end: 'stream-end',
  decode: (message) => [{ type: 'text', text: (message as SSEMessage).data }],
}

const truncated = (name: string, partialText: string) => ({
  type: 'error',
  kind: 'truncated',
  message: `${name}: the stream ended inside an event`,
  partialText,
  retryable: true,
})

// Every case decodes the same under every chunking: whole, each two-piece split (inside CRLF
// too), byte by byte, line by line and random cuts.
describe('an SSE body that ends inside an event block is truncated, whatever the format', () => {
  const cases: [string, string, StreamFormat, string, string][] = [
    [
      'sse-json, inside the data line',
      'data: {"text":"a"}\n\ndata: {"text":"b',
      'sse-json',
      'sse-json',
      'a',
    ],
    [
      'sse-json, after the data line, before its blank line',
      'data: {"text":"a"}\n\ndata: {"text":"b"}\n',
      'sse-json',
      'sse-json',
      'a',
    ],
    [
      'sse-json with CRLF, before the blank line',
      'data: {"text":"a"}\r\n\r\ndata: {"text":"b"}\r\n',
      'sse-json',
      'sse-json',
      'a',
    ],
    ['sse-json, inside a field name', 'data: {"text":"a"}\n\nda', 'sse-json', 'sse-json', 'a'],
    [
      'sse-json, inside an id-only block',
      'data: {"text":"a"}\n\nid: 7',
      'sse-json',
      'sse-json',
      'a',
    ],
    [
      'auto, before its first event is complete',
      'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n',
      'auto',
      'auto',
      '',
    ],
    [
      'auto detected as sse-json',
      'data: {"text":"a"}\n\ndata: {"text":"b"}',
      'auto',
      'sse-json',
      'a',
    ],
    ['auto detected as plain-text events', 'data: a\n\ndata: b', 'auto', 'sse-text', 'a'],
    [
      'a custom adapter whose end is the body end',
      'data: a\r\rdata: b\r',
      plainEvents,
      'plain-events',
      'a',
    ],
    [
      'openai-chat, inside an event',
      'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\ndata: [DO',
      'openai-chat',
      'openai-chat',
      'a',
    ],
  ]
  test.each(cases)('%s', async (_name, transcript, format, name, partialText) => {
    const parts = await decodeEvery(transcript, format, { contentType: sse, merge: true })
    const text = partialText ? [{ type: 'text', text: partialText }] : []
    expect(parts).toEqual([...text, truncated(name, partialText)])
  })
})

describe('an SSE body that ends on a blank line ends normally', () => {
  const cases: [string, string, StreamFormat][] = [
    ['LF', 'data: {"text":"a"}\n\ndata: {"text":"b"}\n\n', 'sse-json'],
    ['CRLF', 'data: {"text":"a"}\r\n\r\ndata: {"text":"b"}\r\n\r\n', 'sse-json'],
    ['CR', 'data: a\r\rdata: b\r\r', 'auto'],
    ['a BOM and a last comment block', '\uFEFFdata: a\n\ndata: b\n\n: bye\n\n', 'auto'],
    ['extra blank lines', 'data: a\n\ndata: b\n\n\n\n', plainEvents],
  ]
  test.each(cases)('%s', async (_name, transcript, format) => {
    const parts = await decodeEvery(transcript, format, { contentType: sse, merge: true })
    expect(parts).toEqual([{ type: 'text', text: 'ab' }, { type: 'finish' }])
  })
})
