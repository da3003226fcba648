import { describe, expect, it } from 'vitest'
import { StreamError } from 'rivulet/core'
import { nextStep, type AttemptEnd, type RunState } from '../../../src/core/stream/next-step.ts'
import { retryPolicy } from '../../../src/core/stream/retry.ts'

/**
 * The retry and resume decision, every outcome against every state. Policy: 2 retries, 1 s
 * base, factor 3, no jitter, so the delays are 1000 ms then 3000 ms unless a floor raises them.
 */

const policy = retryPolicy({
  retries: 2,
  baseDelay: 1000,
  factor: 3,
  maxDelay: 10_000,
  jitter: false,
})
const network = new StreamError('network', 'connection dropped', { retryable: true })
const badRequest = new StreamError('http', 'HTTP 400', { status: 400, retryable: false })
const limited = new StreamError('http', 'HTTP 429', {
  status: 429,
  retryable: true,
  retryAfter: 5000,
})
const expired = new StreamError('timeout', 'timeout.total', { retryable: false })
const tooLate = (delay: number) =>
  new StreamError('timeout', `too late by ${delay}`, { retryable: false })

const ends = {
  finish: { type: 'finish' },
  drop: { type: 'error', error: network, progressed: false },
  dropAfterText: { type: 'error', error: network, progressed: true },
  refused: { type: 'error', error: badRequest, progressed: false },
  rateLimited: { type: 'error', error: limited, progressed: false },
} satisfies Record<string, AttemptEnd>

type Resume = 'auto' | 'restart' | false
interface Row {
  state: Partial<RunState>
  resume?: Resume
  expect: Record<keyof typeof ends, string>
}

const fresh: RunState = {
  attempt: 0,
  delivered: false,
  idsResumable: false,
  serverRetry: 0,
  remaining: Infinity,
}

// 'settle' = done; 'settle E' = failed with E; 'resume|restart delay #attempt'.
const rows: Record<string, Row> = {
  'first request, no ids': {
    state: {},
    expect: {
      finish: 'settle',
      drop: 'restart 1000 #1',
      dropAfterText: 'restart 1000 #1',
      refused: 'settle HTTP 400',
      rateLimited: 'restart 5000 #1',
    },
  },
  'second failure, no ids': {
    state: { attempt: 1, delivered: true },
    expect: {
      finish: 'settle',
      drop: 'restart 3000 #2',
      dropAfterText: 'restart 3000 #2',
      refused: 'settle HTTP 400',
      rateLimited: 'restart 5000 #2',
    },
  },
  'budget used, no ids': {
    state: { attempt: 2, delivered: true },
    expect: {
      finish: 'settle',
      drop: 'settle connection dropped',
      // No resume point: progress does not reset the budget.
      dropAfterText: 'settle connection dropped',
      refused: 'settle HTTP 400',
      rateLimited: 'settle HTTP 429',
    },
  },
  'ids say what was shown': {
    state: { delivered: true, idsResumable: true },
    expect: {
      finish: 'settle',
      drop: 'resume 1000 #1',
      dropAfterText: 'resume 1000 #1',
      refused: 'settle HTTP 400',
      rateLimited: 'resume 5000 #1',
    },
  },
  'ids, budget used': {
    state: { attempt: 2, delivered: true, idsResumable: true },
    expect: {
      finish: 'settle',
      drop: 'settle connection dropped',
      // Progress appended: a new, independent failure with a fresh budget.
      dropAfterText: 'resume 1000 #1',
      refused: 'settle HTTP 400',
      rateLimited: 'settle HTTP 429',
    },
  },
  "ids, resume: 'restart'": {
    state: { delivered: true, idsResumable: true },
    resume: 'restart',
    expect: {
      finish: 'settle',
      drop: 'restart 1000 #1',
      dropAfterText: 'restart 1000 #1',
      refused: 'settle HTTP 400',
      rateLimited: 'restart 5000 #1',
    },
  },
  'resume: false, text shown': {
    state: { delivered: true, idsResumable: true },
    resume: false,
    expect: {
      finish: 'settle',
      drop: 'settle connection dropped',
      dropAfterText: 'settle connection dropped',
      refused: 'settle HTTP 400',
      rateLimited: 'settle HTTP 429',
    },
  },
  'resume: false, nothing shown yet': {
    state: {},
    resume: false,
    expect: {
      finish: 'settle',
      drop: 'restart 1000 #1',
      dropAfterText: 'settle connection dropped',
      refused: 'settle HTTP 400',
      rateLimited: 'restart 5000 #1',
    },
  },
  'server sent retry: 4000': {
    state: { serverRetry: 4000 },
    expect: {
      finish: 'settle',
      drop: 'restart 4000 #1',
      dropAfterText: 'restart 4000 #1',
      refused: 'settle HTTP 400',
      rateLimited: 'restart 5000 #1',
    },
  },
  'deadline passed': {
    state: { expired, delivered: true, idsResumable: true },
    expect: {
      finish: 'settle',
      drop: 'settle timeout.total',
      dropAfterText: 'settle timeout.total',
      refused: 'settle timeout.total',
      rateLimited: 'settle timeout.total',
    },
  },
  'deadline in 2 s': {
    state: { remaining: 2000 },
    expect: {
      finish: 'settle',
      drop: 'restart 1000 #1',
      dropAfterText: 'restart 1000 #1',
      refused: 'settle HTTP 400',
      rateLimited: 'settle too late by 5000',
    },
  },
}

function describeStep(end: AttemptEnd, row: Row): string {
  const step = nextStep(
    end,
    { ...fresh, ...row.state },
    { policy, resume: row.resume ?? 'auto', tooLateFor: tooLate },
  )
  if (step.type === 'settle') return step.error ? `settle ${step.error.message}` : 'settle'
  return `${step.type} ${step.delay} #${step.attempt}`
}

describe('nextStep: every outcome in every state', () => {
  for (const [name, row] of Object.entries(rows)) {
    it(name, () => {
      const got = Object.fromEntries(
        Object.entries(ends).map(([end, value]) => [end, describeStep(value, row)]),
      )
      expect(got).toEqual(row.expect)
    })
  }
})

describe('nextStep rules', () => {
  it('retryOn decides last, within the budget', () => {
    const never = retryPolicy({ retries: 2, retryOn: () => false })
    const always = retryPolicy({ retries: 2, baseDelay: 10, jitter: false, retryOn: () => true })
    const rules = { resume: 'auto' as Resume, tooLateFor: tooLate }
    expect(nextStep(ends.drop, fresh, { ...rules, policy: never }).type).toBe('settle')
    expect(nextStep(ends.refused, fresh, { ...rules, policy: always })).toEqual({
      type: 'restart',
      delay: 10,
      attempt: 1,
      delivered: false,
    })
    expect(
      nextStep(ends.refused, { ...fresh, attempt: 2 }, { ...rules, policy: always }).type,
    ).toBe('settle')
  })

  it('a retry carries the run state on: a request that delivered text marks the run delivered', () => {
    const rules = { resume: 'auto' as Resume, tooLateFor: tooLate, policy }
    expect(nextStep(ends.drop, fresh, rules)).toMatchObject({ delivered: false })
    expect(nextStep(ends.dropAfterText, fresh, rules)).toMatchObject({ delivered: true })
    const earlier = { ...fresh, delivered: true }
    expect(nextStep(ends.drop, earlier, rules)).toMatchObject({ delivered: true })
  })

  it('jitter draws the delay from [delay / 2, delay]', () => {
    const jittered = retryPolicy({ retries: 2, baseDelay: 1000, jitter: true })
    const rules = { resume: 'auto' as Resume, tooLateFor: tooLate, policy: jittered }
    expect(nextStep(ends.drop, fresh, { ...rules, random: () => 0 })).toMatchObject({ delay: 500 })
    expect(nextStep(ends.drop, fresh, { ...rules, random: () => 1 })).toMatchObject({ delay: 1000 })
  })
})
