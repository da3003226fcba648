import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createStream, type StreamOptions } from 'rivulet/core'
import { chatDone, chatEvent, scriptedStream, type Step } from '../../helpers/scripted-fetch.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const retry = { retries: 2, baseDelay: 10, jitter: false }

function setup(steps: Step[], options: Partial<StreamOptions> = {}) {
  return scriptedStream(steps, { retry, ...options })
}

async function finish(stream: ReturnType<typeof createStream>) {
  const run = stream.start()
  await vi.runAllTimersAsync()
  return run
}

const json = { 'content-type': 'application/json' }

describe('HTTP error responses', () => {
  test('a slow error body is still reported as the HTTP error, not as a first-byte timeout', async () => {
    const { stream, requests } = setup(
      [{ status: 503, headers: json, body: [5000, '{"error":{"message":"overloaded"}}'] }],
      { timeout: { firstByte: 1000 }, retry: false },
    )
    const result = await finish(stream)
    expect(result.error).toMatchObject({ kind: 'http', status: 503 })
    expect(requests).toHaveLength(1)
  })

  test('an error body that never ends cannot hold the stream: the HTTP error is reported', async () => {
    const { stream } = setup([{ status: 500, headers: json, body: ['{"err'], end: 'hang' }], {
      retry: false,
    })
    const result = await finish(stream)
    expect(result).toMatchObject({ status: 'error', error: { kind: 'http', status: 500 } })
  })

  test('an error body that ends within the idle timeout gives its message', async () => {
    const { stream } = setup(
      [{ status: 429, headers: json, body: ['{"error":{"mess', 300, 'age":"slow down"}}'] }],
      { timeout: { firstByte: 100, idle: 1000 }, retry: false },
    )
    const result = await finish(stream)
    expect(result.error).toMatchObject({ kind: 'http', status: 429 })
    expect(result.error!.message).toContain('slow down')
  })

  test('a 502 HTML page from a proxy is an HTTP error, retried, without the markup as message', async () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'
    const { stream, requests } = setup([
      { status: 502, headers: { 'content-type': 'text/html' }, body: [page] },
      { body: [chatEvent('ok'), chatDone] },
    ])
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ok' })
    expect(requests).toHaveLength(2)
    const failed = setup(
      [{ status: 502, headers: { 'content-type': 'text/html' }, body: [page] }],
      {
        retry: false,
      },
    )
    const result = await finish(failed.stream)
    expect(result.error).toMatchObject({ kind: 'http', status: 502, retryable: true })
    expect(result.error!.message).not.toContain('<')
  })
})

// WHATWG HTML §9.2.3: "a client can be told to stop reconnecting using the HTTP 204 No Content
// response code". rivulet reads a 204 as the server's deliberate end: done, never retried.
describe('HTTP 204 No Content', () => {
  test('on the first request: done with no text, no retry, not a truncation', async () => {
    const { stream, requests } = setup([{ status: 204 }, { body: [chatEvent('x'), chatDone] }])
    const result = await finish(stream)
    expect(result).toMatchObject({ status: 'done', text: '' })
    expect(result.error).toBeUndefined()
    expect(requests).toHaveLength(1)
  })

  test('on a resume: the server says there is no more, the text so far stays and it is done', async () => {
    const { stream, requests } = setup([
      { body: [chatEvent('A', 1), chatEvent('B', 2)], end: 'error' },
      { status: 204 },
      { body: [chatDone] },
    ])
    const result = await finish(stream)
    expect(result).toMatchObject({ status: 'done', text: 'AB' })
    expect(requests).toHaveLength(2)
    expect(requests[1]!.headers.get('last-event-id')).toBe('2')
  })

  test('on a restart (no ids): the partial text is kept, not blanked', async () => {
    const { stream, requests } = setup([
      { body: [chatEvent('partial')], end: 'error' },
      { status: 204 },
    ])
    const result = await finish(stream)
    expect(result).toMatchObject({ status: 'done', text: 'partial' })
    expect(requests).toHaveLength(2)
  })
})

// WHATWG HTML §9.2.3 fails an event stream whose Content-Type is not text/event-stream. An HTML
// page in a 200 is the common case (a dev server's index.html fallback for an unknown path).
describe('a 200 HTML page where a stream was expected', () => {
  const page = '<!doctype html><html><body><div id="root"></div></body></html>'
  const html = { 'content-type': 'text/html; charset=utf-8' }

  test.each(['openai-chat', 'auto', 'sse-json'] as const)(
    'format %s: a parse error naming the problem, not retried, nothing shown',
    async (format) => {
      const { stream, requests } = setup([{ headers: html, body: [page] }, { body: [chatDone] }], {
        format,
      })
      const result = await finish(stream)
      expect(result.status).toBe('error')
      expect(result.text).toBe('')
      expect(result.error).toMatchObject({ kind: 'parse', retryable: false, status: 200 })
      expect(result.error!.message).toMatch(/HTML page.*url/)
      expect(requests).toHaveLength(1)
    },
  )

  test('format auto: a page without a Content-Type is a parse error too, nothing shown', async () => {
    const { stream, requests } = setup([{ headers: { 'content-type': '' }, body: [page] }], {
      format: 'auto',
    })
    const result = await finish(stream)
    expect(result.status).toBe('error')
    expect(result.text).toBe('')
    expect(result.error).toMatchObject({ kind: 'parse', retryable: false, status: 200 })
    expect(result.error!.message).toMatch(/HTML page.*url/)
    expect(requests).toHaveLength(1)
  })

  test('format auto: text without a Content-Type that only mentions <html> is still text', async () => {
    const body = 'Use the <html> element as the root.'
    const { stream } = setup([{ headers: { 'content-type': '' }, body: [body] }], {
      format: 'auto',
    })
    expect(await finish(stream)).toMatchObject({ status: 'done', text: body })
  })

  test("format 'text' streams the HTML as asked", async () => {
    const { stream } = setup([{ headers: html, body: [page] }], { format: 'text' })
    expect(await finish(stream)).toMatchObject({ status: 'done', text: page })
  })
})

describe('a 200 JSON document where an event stream was named', () => {
  // What OpenAI answers when the request lacks `stream: true`: the whole completion at once.
  const completion = JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
  })
  const json = { 'content-type': 'application/json' }

  test.each(['openai-chat', 'openai-responses', 'anthropic', 'sse-json', 'auto'] as const)(
    'format %s: the completion is the answer, at once, with its reason and usage',
    async (format) => {
      const { stream, requests } = setup([{ headers: json, body: [completion] }], { format })
      const result = await finish(stream)
      expect(result).toMatchObject({ status: 'done', text: 'Hi', finishReason: 'stop' })
      expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 1, totalTokens: 4 })
      expect(requests).toHaveLength(1)
    },
  )

  test.each(['openai-chat', 'auto'] as const)(
    'format %s: a 200 error body is a provider error, never the answer',
    async (format) => {
      const body = JSON.stringify({
        error: { message: 'model not found', type: 'invalid_request_error' },
      })
      const { stream, requests } = setup([{ headers: json, body: [body] }], { format })
      const result = await finish(stream)
      expect(result.status).toBe('error')
      expect(result.text).toBe('')
      expect(result.error).toMatchObject({ kind: 'provider', code: 'invalid_request_error' })
      expect(result.error!.message).toContain('model not found')
      expect(requests).toHaveLength(1)
    },
  )

  test('format auto: a JSON document that is no answer is a parse error showing its start', async () => {
    const { stream } = setup([{ headers: json, body: ['{"status":"queued","id":42}'] }], {
      format: 'auto',
    })
    const result = await finish(stream)
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ kind: 'parse', retryable: false })
    expect(result.error!.message).toContain('"status":"queued"')
  })

  test('format auto: JSON Lines labelled application/json are still read line by line', async () => {
    const { stream } = setup([{ headers: json, body: ['{"text":"a"}\n{"text":"b"}\n'] }], {
      format: 'auto',
    })
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ab' })
  })

  test('ndjson, whose lines are JSON, still reads a body labelled application/json', async () => {
    const { stream } = setup([{ headers: json, body: ['{"text":"a"}\n{"text":"b"}\n'] }], {
      format: 'ndjson',
    })
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'ab' })
  })
})
