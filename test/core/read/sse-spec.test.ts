import { describe, expect, test } from 'vitest'
import { readSSE, type SSEMessage } from 'rivulet/core'
import { streamOf, toBytes } from '../../helpers/chunkings.ts'
import { readSSEEvery } from '../../helpers/expect-messages.ts'

// Cases written from the WHATWG HTML "Server-sent events" section (parsing an event stream,
// interpreting it, dispatching), independent of the reader's own tests.
const messagesOf = async (transcript: string | Uint8Array) =>
  (await readSSEEvery(transcript, { random: 8 })).messages

describe('readSSE against the WHATWG event-stream algorithm', () => {
  test('the spec example with comments, ids set after the data and an empty id', async () => {
    const stream =
      ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n data:  third event\n\n'
    // " data" is an unknown field name, so the last block dispatches nothing.
    expect(await messagesOf(stream)).toStrictEqual([
      { data: 'first event', id: '1' },
      { data: 'second event', id: '' },
    ])
  })

  test('the spec example of blocks with a bare data field: empty data and a lone newline', async () => {
    expect(await messagesOf('data\n\ndata\ndata\n\ndata:')).toStrictEqual([
      { data: '' },
      { data: '\n' },
    ])
  })

  test('the spec example of two events that are the same with and without the space', async () => {
    expect(await messagesOf('data:test\n\ndata: test\n\n')).toStrictEqual([
      { data: 'test' },
      { data: 'test' },
    ])
  })

  test('field order within a block does not matter; the id is the block’s even after data', async () => {
    const a = await messagesOf('event: e\nid: 7\ndata: x\n\n')
    const b = await messagesOf('data: x\nevent: e\nid: 7\n\n')
    const c = await messagesOf('id: 7\ndata: x\nevent: e\n\n')
    expect(a).toStrictEqual([{ data: 'x', event: 'e', id: '7' }])
    expect(b).toStrictEqual(a)
    expect(c).toStrictEqual(a)
  })

  test('an event name keeps trailing spaces and all but one leading space', async () => {
    expect(await messagesOf('event: add \ndata: 1\n\nevent:  add\ndata: 2\n\n')).toStrictEqual([
      { data: '1', event: 'add ' },
      { data: '2', event: ' add' },
    ])
  })

  test('data keeps trailing spaces, tabs and a leading tab', async () => {
    expect(await messagesOf('data: a  \n\ndata:\tb\n\n')).toStrictEqual([
      { data: 'a  ' },
      { data: '\tb' },
    ])
  })

  test('a field name with trailing spaces is a different, unknown field', async () => {
    expect(await messagesOf('data : x\n\ndata  \n\ndata: y\n\n')).toStrictEqual([{ data: 'y' }])
  })

  test('only the first colon separates name and value', async () => {
    expect(await messagesOf('data: a:b: c\n\n')).toStrictEqual([{ data: 'a:b: c' }])
  })

  test('comment lines between data lines do not break the block', async () => {
    expect(await messagesOf('data: a\n:\n: keep-alive\ndata: b\n\n')).toStrictEqual([
      { data: 'a\nb' },
    ])
  })

  test('a block of only comments, only an event name, or only a retry dispatches nothing', async () => {
    expect(await messagesOf(':\n\nevent: x\n\nretry: 10\n\ndata: y\n\n')).toStrictEqual([
      { data: 'y' },
    ])
  })

  test('many blank lines between blocks dispatch nothing extra', async () => {
    expect(await messagesOf('\n\n\ndata: a\n\n\n\n\r\n\rdata: b\n\n\n')).toStrictEqual([
      { data: 'a' },
      { data: 'b' },
    ])
  })

  test('lone CRs end lines, also when a chunk boundary falls right after one', async () => {
    expect(await messagesOf('data: a\rdata: b\r\rid: 1\rdata: c\r\r')).toStrictEqual([
      { data: 'a\nb' },
      { data: 'c', id: '1' },
    ])
  })

  test('an id with NUL anywhere is ignored, and the last event ID stays as it was', async () => {
    expect(
      await messagesOf('id: 1\ndata: a\n\nid: 2\u0000\ndata: b\n\nid: \u00003\ndata: c\n\n'),
    ).toStrictEqual([
      { data: 'a', id: '1' },
      { data: 'b', id: '1' },
      { data: 'c', id: '1' },
    ])
  })

  test('NUL in data is kept as it is', async () => {
    expect(await messagesOf('data: a\u0000b\n\n')).toStrictEqual([{ data: 'a\u0000b' }])
  })

  test('an id block that dispatches nothing still moves the last event ID', async () => {
    expect(await messagesOf('id: 5\n\ndata: a\n\n')).toStrictEqual([{ data: 'a', id: '5' }])
  })

  test('the last id field of a block wins, and an id in an undispatched block still sets it', async () => {
    // The spec sets the last event ID buffer when the field is read; only dispatch copies it.
    expect(
      await messagesOf('id: 1\nid: 2\ndata: a\n\nid: 3\nevent: x\n\ndata: b\n\n'),
    ).toStrictEqual([
      { data: 'a', id: '2' },
      { data: 'b', id: '3' },
    ])
  })

  test('retry counts only when made of ASCII digits', async () => {
    const log = await readSSEEvery(
      'retry: 1000\n\nretry: 1000ms\n\nretry: -1\n\nretry: 1.5\n\nretry:  10\n\nretry: ١٢\n\nretry:\n\nretry: 0\n\nretry: 007\n\ndata: x\n\n',
      { random: 8 },
    )
    expect(log.order).toStrictEqual(['retry:1000', 'retry:0', 'retry:7', 'message'])
  })

  test('retry takes effect when its line is read; an id only when its block is dispatched', async () => {
    // The spec sets the reconnection time while interpreting the line, but copies the last
    // event ID buffer to the source only when the block is dispatched.
    expect((await readSSEEvery('data: a\n\nretry: 5000\n', { random: 8 })).order).toStrictEqual([
      'message',
      'retry:5000',
    ])
    expect((await readSSEEvery('data: a\n\nid: 7\n', { random: 8 })).order).toStrictEqual([
      'message',
    ])
  })

  test('a body cut inside a UTF-8 sequence: the broken character becomes U+FFFD', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('data: a'), 0xe2, 0x82, 10, 10])
    expect(await messagesOf(bytes)).toStrictEqual([{ data: 'a\uFFFD' }])
  })

  test('a body that ends inside a UTF-8 sequence dispatches only the finished blocks', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('data: a\n\ndata: b'), 0xf0, 0x9f])
    expect(await messagesOf(bytes)).toStrictEqual([{ data: 'a' }])
  })

  test('a very long data line arrives whole, in one chunk or in many', async () => {
    // Every-split chunkings of 200 kB would be 200 000 runs; a few cuts make the point.
    const long = 'x'.repeat(200_000)
    const bytes = toBytes(`data: ${long}\n\n`)
    for (const size of [bytes.length, 65_536, 1000, 7]) {
      const chunks: Uint8Array[] = []
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.slice(at, at + size))
      const messages: SSEMessage[] = []
      for await (const message of readSSE(streamOf(chunks))) messages.push(message)
      expect(messages).toStrictEqual([{ data: long }])
    }
  })
})
