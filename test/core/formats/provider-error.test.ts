import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createStream, type StreamOptions } from 'rivulet/core'
import { chatEvent, scriptedFetch, type Step } from '../../helpers/scripted-fetch.ts'
import { recordSnapshots } from '../../helpers/record-snapshots.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

// Anthropic Messages streaming: "an error can occur after returning a 200 response", sent as
// `event: error` (e.g. overloaded_error, the 529 it would have been before streaming).
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
const anthropicStart = sse('message_start', {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    content: [],
    usage: { input_tokens: 5, output_tokens: 1 },
  },
})
const anthropicText = (text: string) =>
  sse('content_block_delta', {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text },
  })
const anthropicStop = sse('message_stop', { type: 'message_stop' })
const anthropicError = (type: string, message: string) =>
  sse('error', { type: 'error', error: { type, message } })

function setup(steps: Step[], options: Partial<StreamOptions>) {
  const script = scriptedFetch(steps)
  const stream = createStream({
    url: '/api',
    fetch: script.fetch,
    retry: { retries: 2, baseDelay: 10, jitter: false },
    ...options,
  })
  return { ...script, stream, seen: recordSnapshots(stream) }
}

async function finish(stream: ReturnType<typeof createStream>) {
  const run = stream.start()
  await vi.runAllTimersAsync()
  return run
}

describe('errors a provider sends inside a 200 stream', () => {
  test('Anthropic overloaded_error mid-stream is retried; the restarted answer replaces the partial one', async () => {
    const { stream, requests, seen } = setup(
      [
        {
          body: [
            anthropicStart,
            anthropicText('Hel'),
            anthropicError('overloaded_error', 'Overloaded'),
          ],
        },
        { body: [anthropicStart, anthropicText('Hello'), anthropicText(' there'), anthropicStop] },
      ],
      { format: 'anthropic' },
    )
    const result = await finish(stream)
    expect(result).toMatchObject({ status: 'done', text: 'Hello there' })
    expect(result.lastError).toMatchObject({ kind: 'provider', code: 'overloaded_error' })
    expect(requests).toHaveLength(2)
    expect(seen.map((snapshot) => snapshot.text)).not.toContain('HelHello')
  })

  test('Anthropic invalid_request_error mid-stream is final and keeps the text shown', async () => {
    const onError = vi.fn()
    const { stream, requests } = setup(
      [
        {
          body: [
            anthropicStart,
            anthropicText('Partial'),
            anthropicError('invalid_request_error', 'bad'),
          ],
        },
      ],
      { format: 'anthropic', onError },
    )
    const result = await finish(stream)
    expect(result).toMatchObject({
      status: 'error',
      text: 'Partial',
      error: { kind: 'provider', retryable: false, partialText: 'Partial' },
    })
    expect(requests).toHaveLength(1)
    expect(onError).toHaveBeenCalledTimes(1)
  })

  test('an OpenAI error payload mid-stream of type server_error is retried', async () => {
    const errorChunk = `data: ${JSON.stringify({ error: { message: 'The server had an error', type: 'server_error' } })}\n\n`
    const { stream, requests } = setup(
      [{ body: [chatEvent('Hi'), errorChunk] }, { body: [chatEvent('Hi!'), 'data: [DONE]\n\n'] }],
      { format: 'openai-chat' },
    )
    expect(await finish(stream)).toMatchObject({ status: 'done', text: 'Hi!' })
    expect(requests).toHaveLength(2)
  })

  test('an Anthropic stream cut before message_stop is truncated, retried, and can end in error with its text', async () => {
    const cut: Step = { body: [anthropicStart, anthropicText('Half')] }
    const { stream, requests } = setup([cut, cut, cut], { format: 'anthropic' })
    const result = await finish(stream)
    expect(requests).toHaveLength(3)
    expect(result).toMatchObject({
      status: 'error',
      text: 'Half',
      error: { kind: 'truncated', partialText: 'Half' },
    })
  })
})
