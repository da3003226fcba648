import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStream, type StreamFormat } from 'rivulet/core'
import { startMockServer, type MockServer } from 'rivulet/mock/server'

// The official clients, streaming from rivulet-mock-server over a real socket: they must see
// a request id (as they would from the provider) and exactly the text rivulet decodes.
let server: MockServer
beforeAll(async () => {
  server = await startMockServer()
})
afterAll(async () => {
  await server.close()
})

const text = 'The **official** clients read this, 👋 wörld — line one.\nLine two.'
const query = { text, ttft: '5', delay: '2', chunk: '1-5', seed: '7' }
const messages = [{ role: 'user' as const, content: 'hi' }]

/** What rivulet decodes from the same endpoint, script and knobs. */
async function rivuletText(path: string, format: StreamFormat, body: unknown) {
  const result = await createStream({
    url: `${server.url}${path}?${new URLSearchParams(query)}`,
    body,
    format,
  }).start()
  expect(result.status).toBe('done')
  return result.text
}

const openai = () =>
  new OpenAI({ apiKey: 'sk-test', baseURL: `${server.url}/v1`, maxRetries: 0, defaultQuery: query })
const anthropic = () =>
  new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.url, maxRetries: 0, defaultQuery: query })

describe('the official SDKs against rivulet-mock-server', () => {
  it('openai chat.completions stream: a request id, and the text rivulet decodes', async () => {
    const {
      data: stream,
      request_id,
      response,
    } = await openai()
      .chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true })
      .withResponse()
    expect(request_id).toMatch(/^req_\w+$/)
    expect(response.headers.get('x-request-id')).toBe(request_id)
    let out = ''
    for await (const chunk of stream) out += chunk.choices[0]?.delta.content ?? ''
    expect(out).toBe(text)
    expect(out).toBe(
      await rivuletText('/v1/chat/completions', 'openai-chat', {
        model: 'gpt-4o-mini',
        messages,
        stream: true,
      }),
    )
  })

  it('openai responses stream: a request id, and the text rivulet decodes', async () => {
    const { data: stream, request_id } = await openai()
      .responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true })
      .withResponse()
    expect(request_id).toMatch(/^req_\w+$/)
    let out = ''
    let completed = false
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') out += event.delta
      if (event.type === 'response.completed') completed = true
    }
    expect(completed).toBe(true)
    expect(out).toBe(text)
    expect(out).toBe(
      await rivuletText('/v1/responses', 'openai-responses', {
        model: 'gpt-4o-mini',
        input: 'hi',
        stream: true,
      }),
    )
  })

  it('openai non-streamed completion: _request_id on the result', async () => {
    const completion = await openai().chat.completions.create({ model: 'gpt-4o-mini', messages })
    expect(completion._request_id).toMatch(/^req_\w+$/)
    expect(completion.choices[0]?.message.content).toBe(text)
  })

  it('anthropic messages.stream: a request id, and the text rivulet decodes', async () => {
    const stream = anthropic().messages.stream({ model: 'claude-x', max_tokens: 100, messages })
    let out = ''
    stream.on('text', (delta) => (out += delta))
    const final = await stream.finalMessage()
    expect(stream.request_id).toMatch(/^req_\w+$/)
    const { response } = await stream.withResponse()
    expect(response.headers.get('request-id')).toBe(stream.request_id)
    expect(final.stop_reason).toBe('end_turn')
    expect(out).toBe(text)
    expect(out).toBe(
      await rivuletText('/v1/messages', 'anthropic', {
        model: 'claude-x',
        max_tokens: 100,
        messages,
        stream: true,
      }),
    )
  })

  it('anthropic messages.create({ stream: true }): a request id on the raw stream', async () => {
    const { data: stream, request_id } = await anthropic()
      .messages.create({ model: 'claude-x', max_tokens: 100, messages, stream: true })
      .withResponse()
    expect(request_id).toMatch(/^req_\w+$/)
    let out = ''
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        out += event.delta.text
    }
    expect(out).toBe(text)
  })
})
