import { describe, expect, test } from 'vitest'
import {
  StreamError,
  isActive,
  isTerminal,
  type StreamSnapshot,
  type StreamStatus,
} from 'rivulet/core'
import {
  initialSnapshot,
  reduceStream,
  type StreamEvent,
} from '../../../src/core/stream/stream-machine.ts'

const error = new StreamError('network', 'connection reset')
const events = {
  start: { type: 'start' },
  part: {
    type: 'parts',
    parts: [{ type: 'text', text: 'b' }],
    at: 20,
    release: { text: 'b', reasoning: '' },
  },
  finish: { type: 'finish', at: 30, reason: 'stop' },
  'fail retryable, attempts left': { type: 'fail', at: 30, error, retry: true },
  'fail otherwise': { type: 'fail', at: 30, error, retry: false },
  'wait-over': { type: 'wait-over', at: 40 },
  // smoothing releasing held text (rivulet's addition to the §11.4 table)
  release: { type: 'release', at: 45, release: { text: 'b', reasoning: '' } },
  stop: { type: 'stop', at: 50 },
  reset: { type: 'reset' },
} satisfies Record<string, StreamEvent>
type EventName = keyof typeof events

// A snapshot in each state, holding some text so that keeping or clearing it shows.
function snapshotIn(status: StreamStatus): StreamSnapshot {
  if (status === 'idle') return initialSnapshot
  const s: StreamSnapshot = {
    status,
    text: 'a',
    parts: [{ type: 'text', text: 'a' }],
    metrics: { tokens: 1, chars: 1, bytes: 3, retries: 0, ttft: 10, duration: 10 },
  }
  if (status === 'error') s.error = error.withPartialText('a')
  return Object.freeze(s)
}

// The state machine: next state per (state, event); null = ignored (the same object back).
const table: Record<StreamStatus, Record<EventName, StreamStatus | null>> = {
  idle: {
    start: 'connecting',
    part: null,
    finish: null,
    'fail retryable, attempts left': null,
    'fail otherwise': null,
    'wait-over': null,
    release: null,
    stop: null,
    reset: 'idle',
  },
  connecting: {
    start: 'connecting',
    part: 'streaming',
    finish: 'done',
    'fail retryable, attempts left': 'retrying',
    'fail otherwise': 'error',
    'wait-over': null,
    release: 'connecting',
    stop: 'aborted',
    reset: 'idle',
  },
  streaming: {
    start: 'connecting',
    part: 'streaming',
    finish: 'done',
    'fail retryable, attempts left': 'retrying',
    'fail otherwise': 'error',
    'wait-over': null,
    release: 'streaming',
    stop: 'aborted',
    reset: 'idle',
  },
  retrying: {
    start: 'connecting',
    part: null,
    finish: null,
    'fail retryable, attempts left': null,
    'fail otherwise': null,
    'wait-over': 'connecting',
    release: null,
    stop: 'aborted',
    reset: 'idle',
  },
  done: {
    start: 'connecting',
    part: null,
    finish: null,
    'fail retryable, attempts left': null,
    'fail otherwise': null,
    'wait-over': null,
    release: null,
    stop: null,
    reset: 'idle',
  },
  error: {
    start: 'connecting',
    part: null,
    finish: null,
    'fail retryable, attempts left': null,
    'fail otherwise': null,
    'wait-over': null,
    release: null,
    stop: null,
    reset: 'idle',
  },
  aborted: {
    start: 'connecting',
    part: null,
    finish: null,
    'fail retryable, attempts left': null,
    'fail otherwise': null,
    'wait-over': null,
    release: null,
    stop: null,
    reset: 'idle',
  },
}

const cells = Object.entries(table).flatMap(([state, row]) =>
  Object.entries(row).map(([event, next]) => ({
    state: state as StreamStatus,
    event: event as EventName,
    next,
  })),
)

describe('reduceStream', () => {
  test.each(cells)('$state + $event → $next', ({ state, event, next }) => {
    const before = snapshotIn(state)
    const after = reduceStream(before, events[event])
    if (next === null) {
      expect(after).toBe(before)
      return
    }
    expect(after.status).toBe(next)
    expect(Object.isFrozen(after)).toBe(true)
    if (state !== 'idle') expect(after).not.toBe(before)
    // error only ever comes with a terminal status
    if (next !== 'error') expect(after.error).toBeUndefined()
    // text is kept by everything but start and reset
    if (event === 'start' || event === 'reset') expect(after.text).toBe('')
    else if (event === 'part' || event === 'release') expect(after.text).toBe('ab')
    else expect(after.text).toBe('a')
  })

  test('a failure keeps the text and the error carries it as partialText', () => {
    const after = reduceStream(snapshotIn('streaming'), events['fail otherwise'])
    expect(after.error?.partialText).toBe('a')
    expect(after.error?.kind).toBe('network')
  })

  test('a failure that releases held-back text reports that text as partialText', () => {
    const after = reduceStream(snapshotIn('streaming'), {
      type: 'fail',
      at: 30,
      error,
      retry: false,
      release: { text: 'bc', reasoning: '' },
    })
    expect(after.text).toBe('abc')
    expect(after.error?.partialText).toBe('abc')
  })

  test('the first text part sets ttft and counts tokens, chars and bytes', () => {
    let s = reduceStream(initialSnapshot, events.start)
    s = reduceStream(s, {
      type: 'parts',
      parts: [{ type: 'text', text: 'hey' }],
      at: 120,
      bytes: 40,
      release: { text: 'hey', reasoning: '' },
    })
    s = reduceStream(s, {
      type: 'parts',
      parts: [{ type: 'text', text: ' you' }],
      at: 620,
      bytes: 80,
      release: { text: ' you', reasoning: '' },
    })
    expect(s.metrics).toMatchObject({ ttft: 120, duration: 620, tokens: 2, chars: 7, bytes: 80 })
    expect(s.metrics.tokensPerSecond).toBeCloseTo(4)
  })

  test('wait-over counts a retry', () => {
    const s = reduceStream(snapshotIn('retrying'), events['wait-over'])
    expect(s.metrics.retries).toBe(1)
  })

  test('a replacing release swaps the text instead of extending it', () => {
    const s = reduceStream(snapshotIn('connecting'), {
      type: 'parts',
      parts: [{ type: 'text', text: 'x' }],
      at: 5,
      release: { text: 'x', reasoning: '', replace: true },
    })
    expect(s.text).toBe('x')
  })

  test('finish records reason and usage', () => {
    const s = reduceStream(snapshotIn('streaming'), {
      type: 'finish',
      at: 9,
      reason: 'length',
      usage: { outputTokens: 3 },
    })
    expect(s).toMatchObject({ status: 'done', finishReason: 'length', usage: { outputTokens: 3 } })
  })

  test('isActive and isTerminal are derived from the status alone', () => {
    const statuses: StreamStatus[] = [
      'idle',
      'connecting',
      'streaming',
      'retrying',
      'done',
      'error',
      'aborted',
    ]
    expect(statuses.filter(isActive)).toEqual(['connecting', 'streaming', 'retrying'])
    expect(statuses.filter(isTerminal)).toEqual(['done', 'error', 'aborted'])
  })
})
