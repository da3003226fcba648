import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeResponse } from 'rivulet/core'
import { mockHandler } from 'rivulet/mock'

const text = 'Tokens arrive one by one through the service worker 👋'
const tokenDelay = 60

const worker = setupWorker(
  mockHandler('/api/mock-chat', { format: 'openai-chat', text, ttft: 30, tokenDelay }),
  mockHandler('/api/mock-script', [
    { format: 'anthropic', status: 429, retryAfter: 1 },
    { format: 'anthropic', text: 'after the retry' },
  ]),
)

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' })
})
afterAll(() => {
  worker.stop()
})

describe('mockHandler in Chromium with the msw service worker', () => {
  it('streams tokens that arrive over time, decoded back to the exact text', async () => {
    expect(navigator.serviceWorker.controller).not.toBeNull()
    const start = performance.now()
    const response = await fetch('/api/mock-chat', {
      method: 'POST',
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const arrivals: number[] = []
    let decoded = ''
    for await (const part of decodeResponse(response, 'openai-chat')) {
      if (part.type === 'text') {
        decoded += part.text
        arrivals.push(performance.now() - start)
      }
    }
    expect(decoded).toBe(text)
    const tokens = arrivals.length
    expect(tokens).toBeGreaterThan(5)
    // Timers never fire early, so the last token cannot come before it is due; these are
    // lower bounds only, which a slow machine cannot break.
    expect(arrivals.at(-1)!).toBeGreaterThanOrEqual(30 + (tokens - 1) * tokenDelay - 2)
    // Not all at once: the tokens are spread over several delays.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(2 * tokenDelay)
  })

  it('follows a per-request script in the browser', async () => {
    const first = await fetch('/api/mock-script', { method: 'POST', body: '{}' })
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('1')
    expect(await first.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } })
    const second = await fetch('/api/mock-script', { method: 'POST', body: '{}' })
    let decoded = ''
    for await (const part of decodeResponse(second, 'anthropic')) {
      if (part.type === 'text') decoded += part.text
    }
    expect(decoded).toBe('after the retry')
  })
})
