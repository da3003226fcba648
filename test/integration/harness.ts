import { expect } from 'vitest'
import type { StreamMetrics } from 'rivulet/core'
import { mockStream, type MockStreamOptions } from 'rivulet/mock'
import type { RecordedRequest } from '../helpers/scripted-fetch.ts'

/** The options of the answer to request number `call` (0-based); the last of a list repeats. */
export type Script =
  MockStreamOptions | readonly MockStreamOptions[] | ((call: number) => MockStreamOptions)

/** The options `script` gives request number `call`. */
export function optionsFor(script: Script, call: number): MockStreamOptions {
  if (typeof script === 'function') return script(call)
  if (Array.isArray(script)) return script[Math.min(call, script.length - 1)] as MockStreamOptions
  return script as MockStreamOptions
}

/**
 * `scriptedFetch` steps that answer with `mockStream`, the way `mockHandler` does behind msw:
 * the request's `Last-Event-ID` and abort signal reach the mock, so a resumable mock continues
 * after the last event the client saw and a stopped client stops the mock's timers.
 */
export function mockAnswers(script: Script): (request: RecordedRequest) => Response {
  let call = 0
  return (request) => {
    const options = optionsFor(script, call++)
    return mockStream({
      ...options,
      // An EventSource cannot send headers: it resumes with a lastEventId query parameter.
      lastEventId:
        options.lastEventId ??
        request.headers.get('last-event-id') ??
        lastEventIdParam(request.url),
      signal: options.signal ?? request.signal,
    })
  }
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
