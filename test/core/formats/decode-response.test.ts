import { describe, expect, test } from 'vitest'
import {
  StreamError,
  decodeResponse,
  type FormatAdapter,
  type SSEMessage,
  type StreamPart,
} from 'rivulet/core'
import { streamOf, toBytes } from '../../helpers/chunkings.ts'
import { decodeEvery, plainParts, textOf } from '../../helpers/expect-parts.ts'
import { wireFixture } from '../../helpers/fixtures.ts'

const sse = 'text/event-stream'

async function collect(
  response: Response,
  ...rest: Parameters<typeof decodeResponse> extends [unknown, ...infer R] ? R : never
) {
  const parts: StreamPart[] = []
  for await (const part of decodeResponse(response, ...rest)) parts.push(part)
  return plainParts(parts)
}

describe('decodeResponse', () => {
  describe('callbacks', () => {
    test('reports ids and retries in stream order with the parts, and counts every byte', async () => {
      const transcript =
        'retry: 3000\nid: 1\ndata: {"text":"a"}\n\nid: 2\n\n: comment\ndata: {"text":"b"}\n\nid: 3\ndata: {"text":"c"}\n\n'
      const bytes = toBytes(transcript)
      const log: string[] = []
      let total = 0
      const response = new Response(streamOf([bytes.slice(0, 40), bytes.slice(40)]))
      for await (const part of decodeResponse(response, 'sse-json', {
        onId: (id) => log.push(`id ${id}`),
        onRetry: (ms) => log.push(`retry ${ms}`),
        onBytes: (n) => (total += n),
      })) {
        log.push(part.type === 'text' ? `text ${part.text}` : part.type)
      }
      expect(log).toEqual([
        'retry 3000',
        'id 1',
        'text a',
        'id 2',
        'text b',
        'id 3',
        'text c',
        'finish',
      ])
      expect(total).toBe(bytes.length)
    })
  })

  test('a consumer that stops after a part has been told only the ids up to that part', async () => {
    const transcript =
      'id: 1\ndata: {"text":"a"}\n\nid: 2\ndata: {"text":"b"}\n\nid: 3\ndata: {"text":"c"}\n\n'
    const ids: string[] = []
    // One chunk holds all three events, so all three ids are parsed before "a" is shown.
    const response = new Response(streamOf([toBytes(transcript)]))
    for await (const part of decodeResponse(response, 'sse-json', { onId: (id) => ids.push(id) })) {
      expect(part).toEqual({ type: 'text', text: 'a' })
      break
    }
    expect(ids).toEqual(['1'])
  })

  describe('failures are parts, never exceptions', () => {
    test('a body that fails is a network error part with the text so far', async () => {
      const parts = await decodeEvery(
        wireFixture('anthropic/basic.sse').slice(0, 700),
        'anthropic',
        {
          failWith: new TypeError('terminated'),
          random: 5,
        },
      )
      expect(parts.at(-1)).toMatchObject({
        type: 'error',
        kind: 'network',
        partialText: 'Hello',
        retryable: true,
      })
    })

    test('aborting ends with an aborted error part that keeps the text, and cancels the body', async () => {
      const controller = new AbortController()
      let cancelled = false
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(toBytes('data: {"text":"a"}\n\ndata: {"text":"b"}\n\n'))
        },
        cancel() {
          cancelled = true
        },
      })
      const parts: StreamPart[] = []
      for await (const part of decodeResponse(new Response(body), 'sse-json', controller)) {
        parts.push(part)
        controller.abort()
      }
      expect(plainParts(parts)).toEqual([
        { type: 'text', text: 'a' },
        expect.objectContaining({
          type: 'error',
          kind: 'aborted',
          partialText: 'a',
          retryable: false,
        }),
      ])
      expect(cancelled).toBe(true)
    })

    test('an already aborted signal yields only the aborted error', async () => {
      const controller = new AbortController()
      controller.abort()
      const parts = await collect(new Response('data: {"text":"a"}\n\n'), 'sse-json', controller)
      expect(parts).toEqual([expect.objectContaining({ kind: 'aborted', partialText: '' })])
    })

    test('a used body is a network error part', async () => {
      const response = new Response('hello')
      await response.text()
      expect(await collect(response, 'text')).toEqual([
        expect.objectContaining({ type: 'error', kind: 'network' }),
      ])
    })

    test('an unknown format name throws at once, naming the valid ones', () => {
      expect(() => decodeResponse(new Response(''), 'openai' as 'text')).toThrow(/openai-chat/)
    })

    test('a response without a body ends at once', async () => {
      expect(await collect(new Response(null), 'text')).toEqual([{ type: 'finish' }])
      expect(await collect(new Response(null), 'anthropic')).toEqual([
        expect.objectContaining({ kind: 'truncated' }),
      ])
    })
  })

  describe('auto', () => {
    test.each([
      ['openai-chat/basic.sse', 'Hello! How can I help?', 'stop'],
      ['openai-chat/azure.sse', 'Bonjour à tous, ça va ?', 'stop'],
      ['openai-responses/basic.sse', 'Hi there', 'stop'],
      ['anthropic/basic.sse', 'Hello!', 'end_turn'],
    ])('detects %s from its first event', async (path, text, reason) => {
      const parts = await decodeEvery(wireFixture(path), 'auto', {
        contentType: 'text/event-stream; charset=utf-8',
        random: 3,
      })
      expect(textOf(parts)).toBe(text)
      expect(parts.at(-1)).toMatchObject({ type: 'finish', reason })
    })

    test('keeps the detected format’s terminator rule: OpenAI chat without [DONE] is truncated', async () => {
      const parts = await decodeEvery(wireFixture('openai-chat/truncated.sse'), 'auto', {
        contentType: sse,
        random: 3,
      })
      expect(parts.at(-1)).toMatchObject({ kind: 'truncated' })
    })

    test('an Anthropic error as the first event is a provider error', async () => {
      const transcript =
        'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'
      expect(await decodeEvery(transcript, 'auto', { contentType: sse })).toEqual([
        expect.objectContaining({ kind: 'provider', status: 529, code: 'overloaded_error' }),
      ])
    })

    test('generic JSON events are sse-json, and a keep-alive first event does not decide', async () => {
      const transcript = 'data:\n\ndata: {"token":"a"}\n\ndata: {"token":"b"}\n\n'
      expect(await decodeEvery(transcript, 'auto', { contentType: sse })).toEqual([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
        { type: 'finish' },
      ])
    })

    test('an error event with no data as the first event is a provider error', async () => {
      expect(await decodeEvery('event: error\ndata:\n\n', 'auto', { contentType: sse })).toEqual([
        expect.objectContaining({ kind: 'provider', partialText: '' }),
      ])
    })

    test('event data that is not JSON is shown as text', async () => {
      const transcript = 'data: Hello\n\ndata:  world\n\ndata: [DONE]\n\n'
      expect(await decodeEvery(transcript, 'auto', { contentType: sse })).toEqual([
        { type: 'text', text: 'Hello' },
        { type: 'text', text: ' world' },
        { type: 'finish' },
      ])
    })

    test.each(['application/x-ndjson', 'application/jsonl', 'Application/X-NDJSON; charset=utf-8'])(
      'reads %s as Ollama when the first line is shaped like it',
      async (contentType) => {
        const parts = await decodeEvery(wireFixture('ollama/chat.ndjson'), 'auto', {
          contentType,
          random: 3,
        })
        expect(textOf(parts)).toBe('The sky is blue.')
        expect(parts.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' })
      },
    )

    test('reads other NDJSON as generic lines', async () => {
      const parts = await decodeEvery('{"content":"a"}\n{"content":"b"}\n', 'auto', {
        contentType: 'application/x-ndjson',
      })
      expect(parts).toEqual([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
        { type: 'finish' },
      ])
    })

    test.each(['text/plain; charset=utf-8', 'text/markdown'])(
      'reads content type %s as plain text, whatever the body looks like',
      async (contentType) => {
        const parts = await decodeEvery('data: not parsed\n\n', 'auto', {
          contentType,
          merge: true,
        })
        expect(parts).toEqual([{ type: 'text', text: 'data: not parsed\n\n' }, { type: 'finish' }])
      },
    )

    test('reads application/json as a JSON document: a body that is not JSON is a parse error', async () => {
      const parts = await decodeEvery('data: not parsed\n\n', 'auto', {
        contentType: 'application/json',
        merge: true,
      })
      expect(parts).toMatchObject([{ type: 'error', kind: 'parse' }])
    })

    describe('without a Content-Type, the first bytes decide', () => {
      test.each([
        ['openai-chat/basic.sse', 'Hello! How can I help?', 'stop'],
        ['anthropic/basic.sse', 'Hello!', 'end_turn'],
        ['ollama/generate.ndjson', "That's great!", 'length'],
      ])('%s is recognised', async (path, text, reason) => {
        const parts = await decodeEvery(wireFixture(path), 'auto', { random: 3 })
        expect(textOf(parts)).toBe(text)
        expect(parts.at(-1)).toMatchObject({ type: 'finish', reason })
      })

      test('an event stream that starts with blank lines, a BOM or a comment is SSE', async () => {
        for (const start of ['\n\n', '\uFEFF', ': hi\n\n', 'retry: 10\n\n']) {
          const parts = await decodeEvery(`${start}data: {"text":"a"}\n\n`, 'auto', { random: 2 })
          expect(parts).toEqual([{ type: 'text', text: 'a' }, { type: 'finish' }])
        }
      })

      test.each([['Hello there'], ['d'], ['{ not json\n'], ['identity: text'], ['']])(
        'other bodies (%j) are text',
        async (body) => {
          const parts = await decodeEvery(body, 'auto', { merge: true, random: 3 })
          expect(parts).toEqual([
            ...(body ? [{ type: 'text', text: body }] : []),
            { type: 'finish' },
          ])
        },
      )

      test('an application/octet-stream body is sniffed too', async () => {
        const parts = await decodeEvery('data: plain\n\n', 'auto', {
          contentType: 'application/octet-stream',
        })
        expect(parts).toEqual([{ type: 'text', text: 'plain' }, { type: 'finish' }])
      })
    })
  })

  describe('custom FormatAdapter', () => {
    const tokens: FormatAdapter = {
      name: 'tokens',
      framing: 'sse',
      end: 'finish-part',
      decode(message) {
        const { event, data } = message as SSEMessage
        if (event === 'token') return [{ type: 'text', text: data }]
        if (event === 'done') return [{ type: 'finish', reason: data }]
        if (event === 'fail') throw new StreamError('provider', data, { status: 503 })
        if (event === 'bug') throw new Error('cannot read')
        return []
      },
    }

    test('decodes SSE messages with the adapter until its finish part', async () => {
      const transcript =
        'event: token\ndata: a\n\nevent: other\ndata: x\n\nevent: token\ndata: b\n\nevent: done\ndata: ok\n\nevent: token\ndata: c\n\n'
      expect(await decodeEvery(transcript, tokens)).toEqual([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
        { type: 'finish', reason: 'ok' },
      ])
    })

    test("with end: 'finish-part', ending without a finish part is truncated", async () => {
      const parts = await decodeEvery('event: token\ndata: a\n\n', tokens)
      expect(parts.at(-1)).toMatchObject({ kind: 'truncated', partialText: 'a' })
    })

    test('a StreamError thrown by decode becomes the error part, with the text so far', async () => {
      const parts = await decodeEvery(
        'event: token\ndata: a\n\nevent: fail\ndata: busy\n\n',
        tokens,
      )
      expect(parts.at(-1)).toMatchObject({
        kind: 'provider',
        message: 'busy',
        status: 503,
        retryable: true,
        partialText: 'a',
      })
    })

    test('any other exception thrown by decode is a parse error', async () => {
      const parts = await decodeEvery('event: bug\ndata: ?\n\n', tokens)
      expect(parts).toEqual([
        expect.objectContaining({ kind: 'parse', message: 'tokens: cannot read', partialText: '' }),
      ])
    })

    test('an adapter may return nothing, or an error part holding a plain Error', async () => {
      const sloppy = {
        name: 'sloppy',
        framing: 'sse',
        decode(message: unknown) {
          const { data } = message as SSEMessage
          if (data === 'skip') return undefined
          if (data === 'bad') return [{ type: 'error', error: new Error('odd') }]
          return [{ type: 'text', text: data }]
        },
      } as unknown as FormatAdapter
      expect(await decodeEvery('data: a\n\ndata: skip\n\ndata: bad\n\n', sloppy)).toEqual([
        { type: 'text', text: 'a' },
        expect.objectContaining({ kind: 'parse', message: 'sloppy: odd', partialText: 'a' }),
      ])
    })

    test('an ndjson adapter receives parsed values; the body end is the end by default', async () => {
      const lines: FormatAdapter = {
        name: 'lines',
        framing: 'ndjson',
        decode: (value) => [{ type: 'text', text: String((value as { t: number }).t) }],
      }
      expect(await decodeEvery('{"t":1}\n{"t":2}', lines)).toEqual([
        { type: 'text', text: '1' },
        { type: 'text', text: '2' },
        { type: 'finish' },
      ])
    })

    test('finish() builds the finish part at the body end from what the adapter gathered', async () => {
      // Each use gets its own adapter: what it gathers belongs to one stream.
      const counting = (): FormatAdapter => {
        let tokens = 0
        return {
          name: 'counting',
          framing: 'ndjson',
          decode: (value) => {
            tokens++
            return [{ type: 'text', text: String((value as { t: number }).t) }]
          },
          finish: () => ({ type: 'finish', reason: 'stop', usage: { outputTokens: tokens } }),
        }
      }
      const body = new Response('{"t":1}\n{"t":2}\n', {
        headers: { 'content-type': 'application/x-ndjson' },
      })
      const parts = await collect(body, counting())
      expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop', usage: { outputTokens: 2 } })
    })

    test('a text adapter receives decoded text', async () => {
      const upper: FormatAdapter = {
        name: 'upper',
        framing: 'text',
        decode: (chunk) => [{ type: 'text', text: (chunk as string).toUpperCase() }],
      }
      expect(await decodeEvery('grüße', upper, { merge: true })).toEqual([
        { type: 'text', text: 'GRÜSSE' },
        { type: 'finish' },
      ])
    })
  })
})
