import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { decodeResponse, type StreamPart } from 'rivulet/core'
import { startMockServer, type MockServer, type StreamEndInfo } from 'rivulet/mock/server'

let server: MockServer
const ends: (StreamEndInfo & { at: number })[] = []

beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    onStreamEnd: (info) => ends.push({ ...info, at: performance.now() }),
  })
})
afterAll(async () => {
  await server.close()
})

const text = 'Hello from the mock server, 👋 wörld.'
const q = `text=${encodeURIComponent(text)}&ttft=5&delay=2&chunk=1-7&seed=4`

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  })
}

async function decodeText(
  response: Response,
  format: Parameters<typeof decodeResponse>[1],
  onId?: (id: string) => void,
) {
  let out = ''
  let last: StreamPart | undefined
  for await (const part of decodeResponse(response, format, { onId })) {
    if (part.type === 'text') out += part.text
    last = part
  }
  return { text: out, last }
}

const messages = [{ role: 'user', content: 'hi' }]

describe('startMockServer', () => {
  it('listens on 127.0.0.1 with an ephemeral port and describes itself at /', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.port).toBeGreaterThan(0)
    const index = await (await fetch(server.url)).json()
    expect(Object.keys(index.endpoints)).toContain('POST /v1/chat/completions')
  })

  it.each([
    ['/v1/chat/completions', 'openai-chat', { model: 'gpt-4o-mini', stream: true, messages }],
    ['/v1/responses', 'openai-responses', { model: 'gpt-4o-mini', stream: true, input: 'hi' }],
    ['/v1/messages', 'anthropic', { model: 'claude', max_tokens: 100, stream: true, messages }],
    ['/api/chat', 'ollama', { model: 'llama3.2', messages }],
    ['/api/generate', 'ollama', { model: 'llama3.2', prompt: 'hi' }],
    ['/chat', 'sse-json', { messages }],
  ] as const)('streams %s in the %s format', async (path, format, body) => {
    const response = await post(`${path}?${q}`, body)
    expect(response.status).toBe(200)
    const { text: decoded, last } = await decodeText(response, format)
    expect(decoded).toBe(text)
    expect(last?.type).toBe('finish')
  })

  it('answers stream: false with one JSON completion', async () => {
    const chat = await (await post(`/v1/chat/completions?${q}`, { messages })).json()
    expect(chat).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    })
    const claude = await (await post(`/v1/messages?${q}`, { messages, max_tokens: 10 })).json()
    expect(claude).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
    })
    const ollama = await (await post(`/api/chat?${q}`, { messages, stream: false })).json()
    expect(ollama).toMatchObject({ message: { content: text }, done: true })
  })

  it('answers with a default reply that quotes the prompt when no text is set', async () => {
    const response = await post('/chat', { message: 'What is a mock?' })
    const { text: decoded } = await decodeText(response, 'sse-json')
    expect(decoded).toContain('“What is a mock?”')
  })

  it.each([
    ['/v1/chat/completions', '{not json', 400, { error: { type: 'invalid_request_error' } }],
    [
      '/v1/chat/completions',
      { model: 'x' },
      400,
      { error: { param: 'messages', code: 'missing_required_parameter' } },
    ],
    ['/v1/responses', { model: 'x' }, 400, { error: { param: 'input' } }],
    ['/v1/messages', '{', 400, { type: 'error', error: { type: 'invalid_request_error' } }],
    [
      '/v1/messages',
      { max_tokens: 1 },
      400,
      {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'messages: Field required' },
      },
    ],
    ['/api/chat', '{', 400, { error: expect.any(String) }],
    ['/api/generate', { model: 'x' }, 400, { error: 'prompt is required' }],
    ['/chat', { nothing: true }, 422, { detail: [{ type: 'missing', loc: ['body', 'messages'] }] }],
  ] as const)(
    'answers a bad request to %s with the provider error shape',
    async (path, body, status, shape) => {
      const response = await post(path, body)
      expect(response.status).toBe(status)
      expect(response.headers.get('content-type')).toContain('application/json')
      expect(await response.json()).toMatchObject(shape)
    },
  )

  it('answers a bad knob as a bad request naming it', async () => {
    const response = await post('/v1/messages?delay=-5', { messages })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.error.message).toContain('tokenDelay must be a non-negative number, got -5')
  })

  it('sets status, Retry-After and faults by query string or x-mock header', async () => {
    const limited = await post('/v1/messages?status=429&retry-after=3', { messages, stream: true })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect(await limited.json()).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
    })

    const dropped = await post(
      `/v1/chat/completions?${q}`,
      { messages, stream: true },
      { 'x-mock-fault': 'drop-after:3' },
    )
    const { text: part, last } = await decodeText(dropped, 'openai-chat')
    expect(part).toBe('Hello from the')
    expect(last).toMatchObject({ type: 'error', error: { kind: 'truncated' } })

    const reset = await post(`/api/chat?${q}&fault=network-after:2`, { messages })
    const broken = await decodeText(reset, 'ollama')
    expect(broken.text).toBe('Hello from')
    expect(broken.last).toMatchObject({ type: 'error', error: { kind: 'network' } })
  })

  it('resumes after the Last-Event-ID of a dropped stream', async () => {
    let lastId = ''
    const first = await decodeText(
      await post(`/v1/messages?${q}&ids=1&fault=drop-after:4`, { messages, stream: true }),
      'anthropic',
      (id) => (lastId = id),
    )
    expect(first.last).toMatchObject({ type: 'error', error: { kind: 'truncated' } })
    expect(lastId).not.toBe('')
    const rest = await decodeText(
      await post(`/v1/messages?${q}`, { messages, stream: true }, { 'last-event-id': lastId }),
      'anthropic',
    )
    expect(first.text + rest.text).toBe(text)
    expect(rest.last?.type).toBe('finish')
  })

  it('stops generating within one token delay after the client aborts', async () => {
    const delay = 500
    const controller = new AbortController()
    const response = await post(
      `/v1/chat/completions?text=${encodeURIComponent('a b c d e f g h i j k l')}&ttft=0&delay=${delay}`,
      { messages, stream: true },
      {},
      controller.signal,
    )
    const reader = response.body!.getReader()
    let received = 0
    // The role chunk and the first token (written together), then the second token.
    while (received < 3) {
      const { value } = await reader.read()
      received += new TextDecoder().decode(value).split('\n\n').filter(Boolean).length
    }
    const before = ends.length
    const abortedAt = performance.now()
    controller.abort()
    await vi.waitFor(() => expect(ends.length).toBeGreaterThan(before), {
      timeout: delay,
      interval: 5,
    })
    const end = ends.at(-1)!
    expect(end.reason).toBe('client-closed')
    expect(end.at - abortedAt).toBeLessThan(delay)
    // Nothing was written after the abort beyond what was already on its way.
    expect(end.chunks).toBeLessThanOrEqual(received + 1)
  })

  it('rejects a bad port with a clear error', async () => {
    await expect(startMockServer({ port: -1 })).rejects.toThrow(
      'startMockServer: port must be an integer from 0 to 65535, got -1',
    )
  })
})
