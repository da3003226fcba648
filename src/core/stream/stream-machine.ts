import type { StreamError } from '../errors.ts'
import type { MessagePart, StreamPart, Usage } from '../parts.ts'
import type { StreamMetrics, StreamSnapshot } from './types.ts'

/**
 * Text released to the screen by one event (after transforms and smoothing). `replace`:
 * it replaces what is shown instead of extending it (a stream restarted without event ids).
 */
export interface Release {
  text: string
  reasoning: string
  replace?: boolean
  /** The message parts after this release (the whole list: it replaces the shown one). */
  parts?: MessagePart[]
}

/**
 * Everything that can happen to a stream. `at` is ms since `start()`; `bytes` the body bytes
 * received so far in this run.
 */
export type StreamEvent =
  | { type: 'start' }
  /** The parts of one chunk, shown at once (with what they released together). */
  | { type: 'parts'; parts: readonly StreamPart[]; at: number; bytes?: number; release?: Release }
  | { type: 'release'; at: number; release: Release }
  | {
      type: 'finish'
      at: number
      reason?: string
      usage?: Usage
      bytes?: number
      release?: Release
    }
  | {
      type: 'fail'
      at: number
      error: StreamError
      retry: boolean
      bytes?: number
      release?: Release
    }
  | { type: 'wait-over'; at: number }
  | { type: 'stop'; at: number; release?: Release }
  | { type: 'reset' }

/** A mutable copy of `s`, frozen again by the reducer once it is changed. */
const draftOf = (s: StreamSnapshot): StreamSnapshot => ({ ...s })

const emptyMetrics: StreamMetrics = Object.freeze({ tokens: 0, chars: 0, bytes: 0, retries: 0 })
const noParts: MessagePart[] = Object.freeze([]) as unknown as MessagePart[]

/** The snapshot of a stream that never started. */
export const initialSnapshot: StreamSnapshot = Object.freeze({
  status: 'idle',
  text: '',
  parts: noParts,
  metrics: emptyMetrics,
})

function applyRelease(s: StreamSnapshot, release: Release | undefined): StreamSnapshot {
  const next = draftOf(s)
  if (!release) return next
  if (release.replace) {
    next.text = release.text
    if (release.reasoning || s.reasoning !== undefined) next.reasoning = release.reasoning
  } else {
    // Appending keeps the per-token cost independent of the answer's length.
    if (release.text) next.text = s.text + release.text
    if (release.reasoning) next.reasoning = (s.reasoning ?? '') + release.reasoning
  }
  if (release.parts) next.parts = release.parts
  return next
}

/** What an event adds to the metrics: text parts and their characters, a retry, the bytes so far. */
interface MetricsChange {
  tokens?: number
  chars?: number
  retries?: number
  bytes?: number
}

const noChange: MetricsChange = {}

/**
 * The metrics after `change`, at `at`. Built field by field (one shape), not spread: it runs
 * once per chunk of a streaming answer.
 */
function timed(m: StreamMetrics, at: number, change: MetricsChange = noChange): StreamMetrics {
  const tokens = m.tokens + (change.tokens ?? 0)
  const bytes = change.bytes !== undefined && change.bytes > m.bytes ? change.bytes : m.bytes
  const next: StreamMetrics = {
    tokens,
    chars: m.chars + (change.chars ?? 0),
    bytes,
    retries: m.retries + (change.retries ?? 0),
    duration: at,
  }
  // The first text part sets the time to first token.
  const ttft = m.ttft ?? (tokens > m.tokens ? at : undefined)
  if (ttft !== undefined) {
    next.ttft = ttft
    if (at > ttft) next.tokensPerSecond = tokens / ((at - ttft) / 1000)
  }
  return Object.freeze(next)
}

function partMetrics(s: StreamSnapshot, parts: readonly StreamPart[], at: number, bytes?: number) {
  let tokens = 0
  let chars = 0
  for (const part of parts) {
    if (part.type !== 'text') continue
    tokens++
    chars += part.text.length
  }
  return timed(s.metrics, at, { tokens, chars, bytes })
}

const isLive = (s: StreamSnapshot) => s.status === 'connecting' || s.status === 'streaming'

/**
 * The stream state machine (idle → connecting → streaming, retrying between attempts, then
 * done | error | aborted; `start` and `reset` from any state) as a pure reducer. Returns the identical
 * snapshot for an event the current state ignores, and a new frozen snapshot otherwise.
 * Text is never lost: `fail` and `stop` keep it, and a failure's `partialText` is the text
 * shown at that moment. Its snapshots are plain data and carry no `object`: with
 * `output: 'json'` the controller adds the parsed value when a snapshot is read.
 */
export function reduceStream(s: StreamSnapshot, event: StreamEvent): StreamSnapshot {
  switch (event.type) {
    case 'start':
      return Object.freeze({
        status: 'connecting',
        text: '',
        parts: noParts,
        metrics: emptyMetrics,
      })
    case 'parts': {
      if (!isLive(s)) return s
      const next = applyRelease(s, event.release)
      next.status = 'streaming'
      next.metrics = partMetrics(s, event.parts, event.at, event.bytes)
      return Object.freeze(next)
    }
    case 'release': {
      if (!isLive(s)) return s
      const next = applyRelease(s, event.release)
      next.metrics = timed(s.metrics, event.at)
      return Object.freeze(next)
    }
    case 'finish': {
      if (!isLive(s)) return s
      const next = applyRelease(s, event.release)
      next.status = 'done'
      next.metrics = timed(s.metrics, event.at, { bytes: event.bytes })
      if (event.reason !== undefined) next.finishReason = event.reason
      if (event.usage !== undefined) next.usage = event.usage
      return Object.freeze(next)
    }
    case 'fail': {
      if (!isLive(s)) return s
      const next = applyRelease(s, event.release)
      next.metrics = timed(s.metrics, event.at, { bytes: event.bytes })
      const error = event.error.withPartialText(next.text)
      // `error` only ever comes with a terminal status; `lastError` also tells why it retries.
      next.status = event.retry ? 'retrying' : 'error'
      if (!event.retry) next.error = error
      next.lastError = error
      return Object.freeze(next)
    }
    case 'wait-over': {
      if (s.status !== 'retrying') return s
      const next = draftOf(s)
      next.status = 'connecting'
      next.metrics = timed(s.metrics, event.at, { retries: 1 })
      return Object.freeze(next)
    }
    case 'stop': {
      if (!isLive(s) && s.status !== 'retrying') return s
      const next = applyRelease(s, event.release)
      next.status = 'aborted'
      next.metrics = timed(s.metrics, event.at)
      return Object.freeze(next)
    }
    case 'reset':
      return s === initialSnapshot ? s : initialSnapshot
  }
}
