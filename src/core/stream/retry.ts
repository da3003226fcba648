import type { StreamError } from '../errors.ts'
import type { RetryOptions } from './types.ts'

/** A retry policy with every default filled in. */
export type RetryPolicy = Required<Omit<RetryOptions, 'retryOn'>> & Pick<RetryOptions, 'retryOn'>

/**
 * The defaults ride out a server restart of up to two seconds: the first retry comes within a
 * second (a blip of the network is over by then), the second no sooner than two seconds after
 * the drop, whatever the jitter (0.5–1 s, then 1.5–3 s). A uvicorn or node server killed and
 * restarted is back in about one second; with 500 ms and a factor of 2 both retries were used
 * up within 0.75–1.5 s, and a restart that took a little longer failed the stream.
 */
const defaults = { retries: 2, baseDelay: 1000, maxDelay: 10_000, factor: 3, jitter: true }

/** `retry: false | number | RetryOptions` → a full policy. */
export function retryPolicy(option: false | number | RetryOptions | undefined): RetryPolicy {
  if (option === false) return { ...defaults, retries: 0 }
  if (typeof option === 'number') return { ...defaults, retries: Math.max(0, option) }
  if (option === undefined) return { ...defaults }
  const policy: RetryPolicy = { ...defaults }
  for (const key of ['retries', 'baseDelay', 'maxDelay', 'factor'] as const) {
    const value = option[key]
    if (value !== undefined) policy[key] = Math.max(0, value)
  }
  if (option.jitter !== undefined) policy.jitter = option.jitter
  if (option.retryOn) policy.retryOn = option.retryOn
  return policy
}

/**
 * Delay before retry number `attempt` (1-based): exponential, capped, optionally jittered
 * over [delay / 2, delay] so that many clients dropped together do not return together.
 * `floor` (a server's `Retry-After` or SSE `retry:`) is a lower bound the cap does not lower.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  floor = 0,
  random: () => number = Math.random,
): number {
  let delay = Math.min(policy.maxDelay, policy.baseDelay * policy.factor ** (attempt - 1))
  if (policy.jitter) delay = delay / 2 + (random() * delay) / 2
  return Math.max(Math.round(delay), floor)
}

/** Whether to make retry number `attempt`: the rules first, then `retryOn` decides last. */
export function shouldRetry(policy: RetryPolicy, error: StreamError, attempt: number): boolean {
  const byRules = error.retryable && attempt <= policy.retries
  if (!policy.retryOn) return byRules
  // retryOn may extend or restrict, but never beyond the configured number of retries.
  return attempt <= policy.retries && policy.retryOn(error, attempt)
}

const asctime = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/

/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date → ms from `now`.
 * Also honours `retry-after-ms`, which OpenAI and Azure send. Unparseable → undefined.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.round(Number(ms))
  const value = headers.get('retry-after')
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  // RFC 9110 §5.6.7: all three HTTP-date forms are GMT; asctime's says no zone, and
  // Date.parse would read it as local time.
  const date = Date.parse(asctime.test(trimmed) ? `${trimmed} GMT` : trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
