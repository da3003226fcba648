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
    const response = await fetch('/api/mock-chat', {
      method: 'POST',
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const start = performance.now()
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
    // Not all at once: the last token comes at least (tokens - 1) delays after the first,
    // less some slack for timer coarseness (a lower bound only, so a slow machine cannot fail it).
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual((tokens - 1) * tokenDelay * 0.8)
    const distinct = new Set(arrivals.map((t) => Math.round(t / 10)))
    expect(distinct.size).toBeGreaterThan(tokens / 2)
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
