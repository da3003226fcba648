import type { StreamError } from '../errors.ts'
import { backoffDelay, shouldRetry, type RetryPolicy } from './retry.ts'

/** How a request of a run ended, as far as what comes next is concerned. */
export type AttemptEnd =
  | { type: 'finish' }
  /** `progressed`: the request delivered text before it failed. */
  | { type: 'error'; error: StreamError; progressed: boolean }

/** What a run knows when one of its requests ends. */
export interface RunState {
  /** Retries counted against the budget so far. */
  attempt: number
  /** Text was delivered by an earlier request of this run. */
  delivered: boolean
  /** The event ids say exactly what was shown, so a request may append (see `ResumeState`). */
  idsResumable: boolean
  /** The SSE `retry:` field last sent (ms; 0 when none): the floor of every later delay. */
  serverRetry: number
  /** ms left until `timeout.total` (Infinity without one). */
  remaining: number
  /** The `'timeout'` error once `timeout.total` passed. */
  expired?: StreamError
}

/** The run's fixed rules. */
export interface RunRules {
  policy: RetryPolicy
  resume: 'auto' | 'restart' | false
  /** The error of a retry that would only start after the deadline. */
  tooLateFor(delay: number): StreamError
  /** For the jitter; `Math.random` by default. */
  random?: () => number
}

/**
 * What the run does next: `settle` (done, or failed for good with `error`), `resume` (a request
 * with `Last-Event-ID` whose text is appended) or `restart` (a request whose answer replaces
 * the text), after `delay` ms; `attempt` and `delivered` are the run state to carry on with.
 */
export type NextStep =
  | { type: 'settle'; error?: StreamError }
  | ({ type: 'resume' | 'restart'; delay: number } & Pick<RunState, 'attempt' | 'delivered'>)

/**
 * The retry and resume decision, as a pure function of how a request ended and the run's state
 * (TanStack Query's retryer keeps it in one place too):
 * - past the whole-stream deadline nothing is retried, whatever ended the request;
 * - with `resume: false`, a run that delivered text is not reconnected;
 * - a request that made progress and can be appended to resets the retry budget: each drop is
 *   then a new, independent failure;
 * - the delay is the policy's backoff, floored by `Retry-After` and the SSE `retry:` field; a
 *   retry that would start after the deadline settles with a `'timeout'` error instead.
 */
export function nextStep(end: AttemptEnd, state: RunState, rules: RunRules): NextStep {
  if (end.type === 'finish') return { type: 'settle' }
  const error = state.expired ?? end.error
  if (state.expired) return { type: 'settle', error }
  const appending = rules.resume === 'auto' && state.idsResumable
  const attempt = (end.progressed && appending ? 0 : state.attempt) + 1
  const delivered = state.delivered || end.progressed
  if (rules.resume === false && delivered) return { type: 'settle', error }
  if (!shouldRetry(rules.policy, error, attempt)) return { type: 'settle', error }
  const floor = Math.max(error.retryAfter ?? 0, state.serverRetry)
  const delay = backoffDelay(rules.policy, attempt, floor, rules.random)
  if (delay >= state.remaining) return { type: 'settle', error: rules.tooLateFor(delay) }
  return { type: appending ? 'resume' : 'restart', delay, attempt, delivered }
}
