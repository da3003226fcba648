import { expect } from 'vitest'
import type { StreamMetrics } from 'rivulet/core'
import { mockStream, type MockStreamOptions } from 'rivulet/mock'

/** What the injected transport saw of one request. */
export interface SeenRequest {
  url: string
  method: string
  headers: Headers
  body: unknown
  signal: AbortSignal | undefined
  /** `Date.now()` when it was made (the fake clock, under fake timers). */
  at: number
}

/** The options of the answer to request number `call` (0-based), given what it carried. */
export type Script =
  | MockStreamOptions
  | readonly MockStreamOptions[]
  | ((call: number, request: SeenRequest) => MockStreamOptions)

/** A JSON body parsed, or the text itself when it is not JSON. */
function parseOrText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

/**
 * A `fetch` that answers with `mockStream`, the way `mockHandler` does behind msw: the
 * request's `Last-Event-ID` and abort signal reach the mock, so a resumable mock continues
 * after the last event the client saw and a stopped client stops the mock's timers.
 */
export function mockFetch(script: Script) {
  const requests: SeenRequest[] = []
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers)
    const raw = typeof init.body === 'string' ? init.body : undefined
    const request: SeenRequest = {
      url: String(input),
      method: init.method ?? 'GET',
      headers,
      body: raw === undefined ? undefined : parseOrText(raw),
      signal: init.signal ?? undefined,
      at: Date.now(),
    }
    const call = requests.length
    requests.push(request)
    const options =
      typeof script === 'function'
        ? script(call, request)
        : Array.isArray(script)
          ? (script[Math.min(call, script.length - 1)] as MockStreamOptions)
          : (script as MockStreamOptions)
    return mockStream({
      ...options,
      // An EventSource cannot send headers: it resumes with a lastEventId query parameter.
      lastEventId:
        options.lastEventId ?? headers.get('last-event-id') ?? lastEventIdParam(request.url),
      signal: options.signal ?? request.signal,
    })
  }
  return { fetch: fetch as typeof globalThis.fetch, requests }
}

/** The `lastEventId` query parameter of a URL (as the EventSource transport resumes). */
export function lastEventIdParam(url: string): string | null {
  return new URL(url, 'http://relative.test/').searchParams.get('lastEventId')
}

/**
 * The invariants that tie the metrics together: `chars` counts the text received (the text
 * shown, when nothing was dropped or restarted), `tokensPerSecond` follows from tokens, ttft
 * and duration, and every time lies between 0 and the duration.
 */
export function expectConsistentMetrics(
  metrics: StreamMetrics,
  expected: { tokens?: number; chars: number; retries?: number },
) {
  expect(metrics.chars).toBe(expected.chars)
  if (expected.tokens !== undefined) expect(metrics.tokens).toBe(expected.tokens)
  expect(metrics.retries).toBe(expected.retries ?? 0)
  expect(metrics.bytes).toBeGreaterThan(0)
  if (metrics.tokens > 0) {
    expect(metrics.ttft).toBeTypeOf('number')
    expect(metrics.ttft).toBeGreaterThanOrEqual(0)
    expect(metrics.duration).toBeGreaterThanOrEqual(metrics.ttft as number)
  }
  const { ttft, duration, tokensPerSecond, tokens } = metrics
  if (ttft !== undefined && duration !== undefined && duration > ttft) {
    expect(tokensPerSecond).toBeCloseTo(tokens / ((duration - ttft) / 1000), 6)
  } else {
    expect(tokensPerSecond).toBeUndefined()
  }
}

/** A text's UTF-8 byte length. */
export const byteLength = (text: string) => new TextEncoder().encode(text).length

/** The word-like tokens the mock splits a text into (as `splitTokens` does). */
export const tokensOf = (text: string) => text.match(/\s*\S+|\s+/gu) ?? []
