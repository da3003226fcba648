import { expect } from 'vitest'
import type { StreamMetrics } from 'rivulet/core'

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
