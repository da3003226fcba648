import { describe, expect, test } from 'vitest'
import { isStreamError, readSSE, type SSEMessage } from 'rivulet/core'
import { streamOf, toBytes } from '../../helpers/chunkings.ts'
import { readSSEEvery } from '../../helpers/expect-messages.ts'

const messagesOf = async (transcript: string | Uint8Array) =>
  (await readSSEEvery(transcript)).messages

describe('readSSE', () => {
  test('dispatches each block at its blank line and joins data lines with a newline', async () => {
    expect(await messagesOf('data: a\n\ndata: b\ndata: c\n\n')).toStrictEqual([
      { data: 'a' },
      { data: 'b\nc' },
    ])
  })

  test('gives the same messages for LF, CR and CRLF line ends, and for mixed ones', async () => {
    const lf = 'event: add\ndata: 1\ndata: 2\n\ndata: 3\n\n'
    const expected = [{ data: '1\n2', event: 'add' }, { data: '3' }]
    expect(await messagesOf(lf)).toStrictEqual(expected)
    expect(await messagesOf(lf.replaceAll('\n', '\r'))).toStrictEqual(expected)
    expect(await messagesOf(lf.replaceAll('\n', '\r\n'))).toStrictEqual(expected)
    expect(await messagesOf('event: add\rdata: 1\r\ndata: 2\n\r\ndata: 3\r\r')).toStrictEqual(
      expected,
    )
  })

  test('a CR at the very end of the body still ends its line', async () => {
    expect(await messagesOf('data: a\r\r')).toStrictEqual([{ data: 'a' }])
    expect(await messagesOf('data: a\n\r')).toStrictEqual([{ data: 'a' }])
    expect(await messagesOf('data: a\r\n\r')).toStrictEqual([{ data: 'a' }])
  })

  test('a CR followed by LF in the next chunk is one line end, not a blank line', async () => {
    expect(await messagesOf('data: a\r\ndata: b\r\n\r\n')).toStrictEqual([{ data: 'a\nb' }])
  })

  test('strips one leading BOM, even when the chunks split it', async () => {
    expect(await messagesOf('\uFEFFdata: a\n\n')).toStrictEqual([{ data: 'a' }])
  })

  test('keeps a second BOM, which turns the first field name into an unknown one', async () => {
    expect(await messagesOf('\uFEFF\uFEFFdata: a\n\ndata: b\n\n')).toStrictEqual([{ data: 'b' }])
  })

  test('does not strip a BOM after the start of the stream', async () => {
    expect(await messagesOf('data: a\n\n\uFEFFdata: b\n\ndata: c\n\n')).toStrictEqual([
      { data: 'a' },
      { data: 'c' },
    ])
  })

  test('does not mistake the characters "ï»¿" for a BOM', async () => {
    expect(await messagesOf('ï»¿data: a\n\ndata: b\n\n')).toStrictEqual([{ data: 'b' }])
  })

  test('never dispatches a last block that is not closed by a blank line', async () => {
    expect(await messagesOf('data: a\n\ndata: b')).toStrictEqual([{ data: 'a' }])
    expect(await messagesOf('data: a\n\ndata: b\n')).toStrictEqual([{ data: 'a' }])
    expect(await messagesOf('data: a\r\n\r\ndata: b\r\n')).toStrictEqual([{ data: 'a' }])
  })

  test('decodes multi-byte UTF-8 split anywhere, and bad bytes as U+FFFD', async () => {
    expect(await messagesOf('data: Grüße 世界 👋\n\n')).toStrictEqual([{ data: 'Grüße 世界 👋' }])
    const bad = new Uint8Array([...toBytes('data: a'), 0xff, ...toBytes('b\n\n')])
    expect(await messagesOf(bad)).toStrictEqual([{ data: 'a\uFFFDb' }])
  })

  test('removes one space after the colon, and no other', async () => {
    expect(await messagesOf('data:a\n\ndata:  b \n\ndata\n\ndata:\n\n')).toStrictEqual([
      { data: 'a' },
      { data: ' b ' },
      { data: '' },
      { data: '' },
    ])
  })

  test('keeps an empty last data line as a trailing newline', async () => {
    expect(await messagesOf('data: a\ndata:\n\n')).toStrictEqual([{ data: 'a\n' }])
  })

  test('ignores comments, unknown fields and field names in another case', async () => {
    expect(
      await messagesOf(': keep-alive\n\n:\nfoo: bar\nData: x\ndata: a\nDATA: y\n\n'),
    ).toStrictEqual([{ data: 'a' }])
  })

  test('leaves event out when none or an empty one is given; the event type resets per block', async () => {
    expect(
      await messagesOf(
        'event: add\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\nevent: message\ndata: 4\n\n',
      ),
    ).toStrictEqual([
      { data: '1', event: 'add' },
      { data: '2' },
      { data: '3' },
      { data: '4', event: 'message' },
    ])
  })

  test('does not dispatch a block without data, but an empty data field does dispatch', async () => {
    expect(await messagesOf('event: x\n\nid: 1\n\ndata:\n\n')).toStrictEqual([
      { data: '', id: '1' },
    ])
  })

  describe('the examples of the WHATWG event-stream section', () => {
    test('a multi-line data field', async () => {
      expect(await messagesOf('data: YHOO\ndata: +2\ndata: 10\n\n')).toStrictEqual([
        { data: 'YHOO\n+2\n10' },
      ])
    })

    test('a comment, ids, an empty id and a value with a leading space', async () => {
      const transcript =
        ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n'
      expect(await messagesOf(transcript)).toStrictEqual([
        { data: 'first event', id: '1' },
        { data: 'second event', id: '' },
        { data: ' third event', id: '' },
      ])
    })

    test('empty data, a lone newline, and a last block without its blank line', async () => {
      expect(await messagesOf('data\n\ndata\ndata\n\ndata:')).toStrictEqual([
        { data: '' },
        { data: '\n' },
      ])
    })

    test('one space after the colon is optional', async () => {
      expect(await messagesOf('data:test\n\ndata: test\n\n')).toStrictEqual([
        { data: 'test' },
        { data: 'test' },
      ])
    })

    test('named events', async () => {
      const transcript =
        'event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n'
      expect(await messagesOf(transcript)).toStrictEqual([
        { data: '73857293', event: 'add' },
        { data: '2153', event: 'remove' },
        { data: '113411', event: 'add' },
      ])
    })
  })

  describe('the last event ID', () => {
    test('is carried forward to messages that have no id field', async () => {
      expect(await messagesOf('id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n')).toStrictEqual([
        { data: 'a', id: '1' },
        { data: 'b', id: '1' },
        { data: 'c', id: '2' },
      ])
    })

    test('is set by a block that has no data', async () => {
      const log = await readSSEEvery('data: a\n\nid: 7\n\ndata: b\n\n')
      expect(log.messages).toStrictEqual([{ data: 'a' }, { data: 'b', id: '7' }])
      expect(log.order).toStrictEqual(['message', 'id:7', 'message'])
    })

    test('is reset to the empty string by an empty id field', async () => {
      const log = await readSSEEvery('id: 1\ndata: a\n\nid\ndata: b\n\nid:\ndata: c\n\n')
      expect(log.messages).toStrictEqual([
        { data: 'a', id: '1' },
        { data: 'b', id: '' },
        { data: 'c', id: '' },
      ])
      expect(log.order).toStrictEqual(['id:1', 'message', 'id:', 'message', 'id:', 'message'])
    })

    test('ignores an id containing NUL and keeps the previous one', async () => {
      const log = await readSSEEvery('id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n')
      expect(log.messages).toStrictEqual([
        { data: 'a', id: '1' },
        { data: 'b', id: '1' },
      ])
      expect(log.order).toStrictEqual(['id:1', 'message', 'message'])
    })

    test('takes the last id field of a block, and not one from an unfinished block', async () => {
      const log = await readSSEEvery('id: 1\nid: 2\ndata: a\n\nid: 3\ndata: b')
      expect(log.messages).toStrictEqual([{ data: 'a', id: '2' }])
      expect(log.order).toStrictEqual(['id:2', 'message'])
    })
  })

  describe('retry', () => {
    test('reports a retry field made only of ASCII digits, in order with the messages', async () => {
      const log = await readSSEEvery('data: a\n\nretry: 2500\n\ndata: b\nretry:0\n\n')
      expect(log.order).toStrictEqual(['message', 'retry:2500', 'retry:0', 'message'])
    })

    test('ignores any other retry value', async () => {
      const values = ['', ' ', '1.5', '-1', '1e3', '10 ', ' 10', '0x10', '١٢', '１２', 'abc']
      const transcript = values.map((value) => `retry: ${value}\n`).join('') + 'data: a\n\n'
      const log = await readSSEEvery(transcript)
      expect(log.order).toStrictEqual(['message'])
    })
  })

  test('reads bodies built by hand that enqueue strings or ArrayBuffers', async () => {
    const body = new ReadableStream<unknown>({
      start(controller) {
        controller.enqueue('data: a\n')
        controller.enqueue(new TextEncoder().encode('\ndata: b\n\n').buffer)
        controller.enqueue(new DataView(new TextEncoder().encode('data: c\n\n').buffer))
        controller.close()
      },
    }) as ReadableStream<Uint8Array>
    const seen: string[] = []
    for await (const message of readSSE(body)) seen.push(message.data)
    expect(seen).toEqual(['a', 'b', 'c'])
  })

  test('a missing body (response.body of a 204) reads as empty', async () => {
    const seen: unknown[] = []
    const body = new Response(null, { status: 204 }).body as ReadableStream<Uint8Array>
    for await (const message of readSSE(body)) seen.push(message)
    expect(body).toBeNull()
    expect(seen).toEqual([])
  })

  describe('failures', () => {
    test('a failing body throws a network StreamError after the messages that arrived', async () => {
      const body = streamOf([toBytes('data: a\n\ndata: b')], new TypeError('socket hang up'))
      const seen: SSEMessage[] = []
      const error = await (async () => {
        for await (const message of readSSE(body)) seen.push(message)
      })().catch((e: unknown) => e)
      expect(seen).toStrictEqual([{ data: 'a' }])
      expect(isStreamError(error) && error.kind).toBe('network')
    })

    test('a chunk that is not bytes is a network StreamError, and the body is released', async () => {
      let cancelled = false
      const body = new ReadableStream<unknown>({
        start(controller) {
          controller.enqueue(toBytes('data: a\n\n'))
          controller.enqueue(42)
        },
        cancel() {
          cancelled = true
        },
      }) as ReadableStream<Uint8Array>
      const seen: string[] = []
      const error = await (async () => {
        for await (const message of readSSE(body)) seen.push(message.data)
      })().catch((e: unknown) => e)
      expect(seen).toStrictEqual(['a'])
      expect(isStreamError(error) && error.kind).toBe('network')
      expect((error as Error).cause).toBeInstanceOf(TypeError)
      expect(cancelled).toBe(true)
    })

    test('aborting ends the iteration at once, without throwing, and cancels the body', async () => {
      let cancelled: unknown = 'not cancelled'
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(toBytes('data: a\n\ndata: b\n\n'))
        },
        cancel(reason) {
          cancelled = reason
        },
      })
      const controller = new AbortController()
      const seen: string[] = []
      for await (const message of readSSE(body, { signal: controller.signal })) {
        seen.push(message.data)
        controller.abort(new Error('user stop'))
      }
      // "b" came in the same chunk as "a", but the caller had stopped.
      expect(seen).toStrictEqual(['a'])
      expect(cancelled).toBeInstanceOf(Error)
    })

    test('aborting while a read waits for the server ends the iteration', async () => {
      const controller = new AbortController()
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(toBytes('data: a\n\n'))
        },
      })
      const seen: string[] = []
      const reading = (async () => {
        for await (const message of readSSE(body, controller)) seen.push(message.data)
      })()
      await new Promise((resolve) => setTimeout(resolve, 10))
      controller.abort()
      await reading
      expect(seen).toStrictEqual(['a'])
    })

    test('an already aborted signal reads nothing', async () => {
      const controller = new AbortController()
      controller.abort()
      const seen: string[] = []
      for await (const message of readSSE(streamOf([toBytes('data: a\n\n')]), controller)) {
        seen.push(message.data)
      }
      expect(seen).toStrictEqual([])
    })

    test('stopping the iteration early cancels the body', async () => {
      let cancelled = false
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(toBytes('data: a\n\ndata: b\n\n'))
        },
        cancel() {
          cancelled = true
        },
      })
      for await (const message of readSSE(body)) {
        expect(message.data).toBe('a')
        break
      }
      expect(cancelled).toBe(true)
    })
  })
})
