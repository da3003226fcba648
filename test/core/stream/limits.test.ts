import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  decodeResponse,
  readLines,
  readSSE,
  type StreamFormat,
  type StreamPart,
} from 'rivulet/core'
import { chatDone, chatEvent, scriptedStream } from '../../helpers/scripted-fetch.ts'

const encoder = new TextEncoder()

/** A body that sends `head`, then `filler` forever (until cancelled); counts what it sent. */
function endlessBody(head: string, filler: string) {
  const sent = { bytes: 0, cancelled: false }
  const chunk = encoder.encode(filler)
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head))
    },
    pull(controller) {
      sent.bytes += chunk.length
      controller.enqueue(chunk)
    },
    cancel() {
      sent.cancelled = true
    },
  })
  return { body, sent }
}

async function partsOf(response: Response, format: StreamFormat, maxEventSize?: number) {
  const parts: StreamPart[] = []
  for await (const part of decodeResponse(response, format, { maxEventSize })) parts.push(part)
  return parts
}

describe('maxEventSize', () => {
  const limit = 1000
  const big = 'x'.repeat(2000)

  test('an SSE event longer than the limit is a parse error that keeps the text before it', async () => {
    const body =
      chatEvent('Hi') + `data: ${JSON.stringify({ choices: [{ delta: { content: big } }] })}\n\n`
    const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } })
    const parts = await partsOf(response, 'openai-chat', limit)
    expect(parts.map((p) => p.type)).toEqual(['text', 'error'])
    const error = (parts[1] as Extract<StreamPart, { type: 'error' }>).error
    expect(error).toMatchObject({ kind: 'parse', retryable: false, partialText: 'Hi' })
    expect(error.message).toContain('maxEventSize')
  })

  test('events under the limit pass, however many', async () => {
    const events = Array.from({ length: 50 }, () => chatEvent('y'.repeat(500))).join('')
    const response = new Response(events + chatDone, {
      headers: { 'content-type': 'text/event-stream' },
    })
    const parts = await partsOf(response, 'openai-chat', limit)
    expect(parts.filter((p) => p.type === 'text')).toHaveLength(50)
    expect(parts.at(-1)).toEqual({ type: 'finish' })
  })

  test('a data line without end stops at the limit and cancels the body (default limit)', async () => {
    const { body, sent } = endlessBody('data: ', 'a'.repeat(65536))
    const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } })
    const parts = await partsOf(response, 'sse-json')
    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'parse' }) }])
    // The default is a few MiB: it read about that much, not the endless rest.
    expect(sent.bytes).toBeGreaterThan(4 * 1024 * 1024)
    expect(sent.bytes).toBeLessThan(6 * 1024 * 1024)
    expect(sent.cancelled).toBe(true)
  })

  test('a multi-line event whose data lines add up past the limit is an error', async () => {
    const line = `data: ${'z'.repeat(300)}\n`
    const response = new Response(line.repeat(5) + '\n', {
      headers: { 'content-type': 'text/event-stream' },
    })
    const parts = await partsOf(response, 'sse-json', limit)
    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'parse' }) }])
  })

  test('an NDJSON line longer than the limit, even without a newline yet, is an error', async () => {
    const { body, sent } = endlessBody('{"text":"a"}\n{"text":"', 'b'.repeat(256))
    const response = new Response(body, { headers: { 'content-type': 'application/x-ndjson' } })
    const parts = await partsOf(response, 'ndjson', limit)
    expect(parts[0]).toEqual({ type: 'text', text: 'a' })
    expect(parts[1]).toMatchObject({ type: 'error', error: { kind: 'parse', partialText: 'a' } })
    expect(sent.bytes).toBeLessThan(limit * 3)
    expect(sent.cancelled).toBe(true)
  })

  test('a JSON document longer than the limit is an error, not read to its end', async () => {
    const { body, sent } = endlessBody('{"choices":[{"message":{"content":"', 'c'.repeat(256))
    const response = new Response(body, { headers: { 'content-type': 'application/json' } })
    const parts = await partsOf(response, 'openai-chat', limit)
    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'parse' }) }])
    expect(sent.bytes).toBeLessThan(limit * 3)
  })

  test('readSSE and readLines take the limit too and throw a parse StreamError', async () => {
    const sse = new Response(`data: ${big}\n\n`).body!
    await expect(async () => {
      for await (const message of readSSE(sse, { maxEventSize: limit })) void message
    }).rejects.toMatchObject({ kind: 'parse', retryable: false })
    const lines = new Response(`${big}\n`).body!
    await expect(async () => {
      for await (const line of readLines(lines, { maxEventSize: limit })) void line
    }).rejects.toMatchObject({ kind: 'parse', retryable: false })
  })

  test('createStream: the error ends the stream without a retry, the text shown kept', async () => {
    const huge = `data: ${JSON.stringify({ choices: [{ delta: { content: big } }] })}\n\n`
    const { stream, requests } = scriptedStream([{ body: [chatEvent('Hi'), huge] }], {
      maxEventSize: limit,
      retry: { retries: 3, baseDelay: 1 },
    })
    const result = await stream.start()
    expect(result).toMatchObject({ status: 'error', text: 'Hi' })
    expect(result.error).toMatchObject({ kind: 'parse', retryable: false, partialText: 'Hi' })
    expect(requests).toHaveLength(1)
  })
})

describe('timeout.total', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  test('a trickle that keeps the idle timer happy still ends at the deadline, not retried', async () => {
    vi.useFakeTimers()
    const trickle = Array.from({ length: 100 }, (_, i) => [chatEvent(String(i % 10)), 500]).flat()
    const { stream, requests } = scriptedStream([{ body: trickle, end: 'hang' }], {
      timeout: { idle: 1000, total: 2200 },
      retry: { retries: 3, baseDelay: 1 },
    })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(2199)
    expect(stream.getSnapshot().status).toBe('streaming')
    await vi.advanceTimersByTimeAsync(1)
    const result = await run
    expect(result.status).toBe('error')
    expect(result.text).toBe('01234')
    expect(result.error).toMatchObject({ kind: 'timeout', retryable: false, partialText: '01234' })
    expect(result.error!.message).toContain('2200 ms')
    expect(requests).toHaveLength(1)
    expect(requests[0]!.aborted).toBe(true)
  })

  test('the deadline counts retries and their waits: a retry due after it is not waited for', async () => {
    vi.useFakeTimers()
    const { stream, requests } = scriptedStream(
      [{ body: [chatEvent('A')], end: 'error' }, { body: [chatEvent('A'), chatDone] }],
      { timeout: { total: 1000 }, retry: { retries: 3, baseDelay: 5000, jitter: false } },
    )
    const result = await stream.start()
    expect(result).toMatchObject({ status: 'error', text: 'A' })
    expect(result.error).toMatchObject({ kind: 'timeout', retryable: false, partialText: 'A' })
    expect(result.error!.message).toContain('5000 ms')
    expect(requests).toHaveLength(1)
  })

  test('retries that fit in the deadline happen; the one that ends past it is cut there', async () => {
    vi.useFakeTimers()
    const { stream, requests } = scriptedStream(
      [
        { body: [chatEvent('A')], end: 'error' },
        { body: [chatEvent('A'), 5000, chatEvent('B')], end: 'hang' },
      ],
      { timeout: { total: 1000 }, retry: { retries: 3, baseDelay: 100, jitter: false } },
    )
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(1000)
    const result = await run
    expect(requests).toHaveLength(2)
    expect(result).toMatchObject({ status: 'error', text: 'A' })
    expect(result.error).toMatchObject({ kind: 'timeout', retryable: false })
  })

  test('a stream that ends in time is done, and leaves no timer behind', async () => {
    vi.useFakeTimers()
    const { stream } = scriptedStream([{ body: [chatEvent('A'), 10, chatEvent('B'), chatDone] }], {
      timeout: { total: 60_000 },
    })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(20)
    expect(await run).toMatchObject({ status: 'done', text: 'AB' })
    expect(vi.getTimerCount()).toBe(0)
  })

  test('stop() before the deadline is aborted, not a timeout', async () => {
    vi.useFakeTimers()
    const { stream } = scriptedStream([{ body: [chatEvent('A')], end: 'hang' }], {
      timeout: { total: 1000 },
    })
    const run = stream.start()
    await vi.advanceTimersByTimeAsync(10)
    stream.stop()
    expect(await run).toMatchObject({ status: 'aborted', text: 'A' })
    expect(vi.getTimerCount()).toBe(0)
  })
})
