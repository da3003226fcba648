import { StreamError } from '../errors.ts'
import { decodeBatches, type DecodeSession, type DecodeStep } from '../formats/decode-response.ts'
import { resolveFormat } from '../formats/resolve-format.ts'
import type { StreamFormat, StreamPart } from '../parts.ts'
import { transportFetch } from '../transport/select.ts'
import { httpError } from './http-error.ts'
import { buildRequest } from './request.ts'
import { createWatchdog } from './timeouts.ts'
import type { StreamOptions } from './types.ts'

/** How one request ended. `progressed`: it delivered at least one text part. */
export type AttemptOutcome =
  | { type: 'finish'; part: Extract<StreamPart, { type: 'finish' }>; noContent?: boolean }
  | { type: 'error'; error: StreamError; progressed: boolean }
  | { type: 'superseded' }

/** What the controller hands one attempt, and hears back from it. */
export interface AttemptContext {
  options: StreamOptions
  input: unknown
  lastEventId: string
  /** The decoder state of the answer: shared by attempts that append, new on a restart. */
  format: DecodeSession
  /** Aborted by stop/start/reset: the attempt ends at once. */
  signal: AbortSignal
  /** False once the attempt belongs to a superseded run. */
  live(): boolean
  partialText(): string
  /** A decoded part, in order; the controller shows the parts of a chunk at {@link commit}. */
  onPart(part: Exclude<StreamPart, { type: 'finish' | 'error' }>): void
  /** The parts of one chunk were all heard: show them (one snapshot per chunk, not per part). */
  commit(): void
  onId(id: string): void
  /** An SSE message begins; `ownId`: its block set an id (not carried forward). */
  onMessage(ownId: boolean): void
  /** True while the current SSE message replays one already delivered (skipped). */
  replayed(): boolean
  /** True once the resumed response proved not to be a replay (see `ResumeState`). */
  conflicted(): boolean
  onRetry(ms: number): void
  onBytes(n: number): void
}

const aborted = Symbol('aborted')

function abortPromise(signal: AbortSignal): Promise<typeof aborted> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(aborted)
    else signal.addEventListener('abort', () => resolve(aborted), { once: true })
  })
}

function networkError(cause: unknown, partialText: string): StreamError {
  const message = cause instanceof Error ? cause.message : String(cause)
  return new StreamError('network', `Network error: ${message}`, { cause, partialText })
}

/**
 * A 2xx HTML page where a stream was expected: a dev server's single-page-app fallback for an
 * unknown path, a login page of a proxy. WHATWG fails an event stream whose Content-Type is
 * not text/event-stream, without reconnecting; rivulet is lenient about other types (servers
 * mislabel streams) but not HTML, which would otherwise show as the answer or be retried as a
 * truncated stream. Only the `text` format asks for the body whatever it is.
 */
function isHtmlPage(response: Response, format: StreamFormat): boolean {
  const framing = typeof format === 'object' ? format.framing : format
  if (framing === 'text') return false
  const type = response.headers.get('content-type') ?? ''
  return type.split(';')[0]!.trim().toLowerCase() === 'text/html'
}

/**
 * One JSON document where a custom SSE adapter was named. (Built-in formats decode it as the
 * provider's non-streamed answer.) WHATWG fails such an event stream without reconnecting;
 * retrying would only pay for the same answer again.
 */
function isJsonForEventStream(response: Response, format: StreamFormat): boolean {
  if (typeof format !== 'object') return false
  if (resolveFormat(format)?.framing !== 'sse') return false
  const type = response.headers.get('content-type') ?? ''
  return type.split(';')[0]!.trim().toLowerCase() === 'application/json'
}

/** How long an error body may take when no timeout is set: its message is only a nicety. */
const errorBodyTimeout = 5000

/** `httpError`, reading the body no longer than the idle (or first-byte) timeout allows. */
async function readHttpError(
  response: Response,
  partialText: string,
  signal: AbortSignal,
  timeout: StreamOptions['timeout'],
): Promise<StreamError> {
  const deadline = new AbortController()
  const onAbort = () => deadline.abort()
  signal.addEventListener('abort', onAbort, { once: true })
  const ms = timeout?.idle ?? timeout?.firstByte ?? errorBodyTimeout
  const timer = setTimeout(onAbort, ms)
  try {
    return await httpError(response, partialText, deadline.signal)
  } finally {
    clearTimeout(timer)
    signal.removeEventListener('abort', onAbort)
  }
}

/**
 * Makes one request and reads it to its end, its first error, an abort or a timeout. Every
 * await is raced against the abort signal, so a body or server that hangs never holds it.
 */
export async function runAttempt(ctx: AttemptContext): Promise<AttemptOutcome> {
  const { options } = ctx
  const controller = new AbortController()
  const onOuterAbort = () => controller.abort(ctx.signal.reason)
  ctx.signal.addEventListener('abort', onOuterAbort, { once: true })
  let timedOut: StreamError | undefined
  const watchdog = createWatchdog(options.timeout, (kind, ms) => {
    const what = kind === 'firstByte' ? 'No response within' : 'No data for'
    timedOut = new StreamError('timeout', `${what} ${ms} ms`, { partialText: ctx.partialText() })
    controller.abort(timedOut)
  })
  const stopped = abortPromise(controller.signal)
  // `abort` events are dispatched synchronously: the flag is the signal's `aborted`, read per
  // part without the getter's checks.
  let abortedNow = false
  controller.signal.addEventListener('abort', () => (abortedNow = true), { once: true })
  const fail = (error: StreamError, progressed: boolean): AttemptOutcome =>
    ctx.live() ? { type: 'error', error: timedOut ?? error, progressed } : { type: 'superseded' }
  let progressed = false
  // Stopped by the caller, or by a timeout (which `fail` reports as such).
  const abortedOutcome = () => fail(networkError('aborted', ctx.partialText()), progressed)
  watchdog.arm('firstByte')
  try {
    let response: Response
    try {
      const init = await buildRequest(options, ctx.input, ctx.lastEventId, controller.signal)
      // Stopped or superseded while an async headers() ran: no request at all, not even to an
      // injected fetch that might not honour an aborted signal.
      if (!ctx.live()) return { type: 'superseded' }
      if (controller.signal.aborted) return abortedOutcome()
      const fetcher = transportFetch(options)
      const result = await Promise.race([fetcher(options.url ?? '', init), stopped])
      if (result === aborted) return abortedOutcome()
      response = result
    } catch (cause) {
      return fail(networkError(cause, ctx.partialText()), false)
    }
    if (!ctx.live()) return { type: 'superseded' }
    // WHATWG HTML §9.2.3: 204 No Content tells a client to stop reconnecting. It is the
    // server's deliberate end (205 has no body either): done, never retried.
    if (response.status === 204 || response.status === 205) {
      void response.body?.cancel().catch(() => {})
      return { type: 'finish', part: { type: 'finish' }, noContent: true }
    }
    if (!response.ok) {
      // The status has arrived: the timeouts are for the answer, not for the error's body,
      // which is read under its own bound so that it is reported as the HTTP error it is.
      watchdog.clear()
      const error = await Promise.race([
        readHttpError(response, ctx.partialText(), controller.signal, options.timeout),
        stopped,
      ])
      return error === aborted ? abortedOutcome() : fail(error, false)
    }
    if (isJsonForEventStream(response, options.format ?? 'auto')) {
      void response.body?.cancel().catch(() => {})
      const error = new StreamError(
        'parse',
        `Expected an event stream but got one JSON document (HTTP ${response.status}, application/json). Did you forget stream: true in the request body?`,
        { status: response.status, retryable: false, partialText: ctx.partialText() },
      )
      return fail(error, false)
    }
    if (isHtmlPage(response, options.format ?? 'auto')) {
      void response.body?.cancel().catch(() => {})
      const error = new StreamError(
        'parse',
        `Expected a stream but got an HTML page (HTTP ${response.status}, text/html). Is the url right? Did you mean format: 'text'?`,
        { status: response.status, retryable: false, partialText: ctx.partialText() },
      )
      return fail(error, false)
    }
    const batches = decodeBatches(response, ctx.format, {
      signal: controller.signal,
      maxEventSize: options.maxEventSize,
      onBytes(n) {
        watchdog.arm('idle')
        ctx.onBytes(n)
      },
    })
    // The steps of one chunk, in order; an outcome once the attempt ends among them. What was
    // heard before that is shown (committed) before the outcome is acted on.
    const take = (steps: DecodeStep[]): AttemptOutcome | undefined => {
      for (const step of steps) {
        // A callback (onPart) may stop, restart or reset the stream between two parts.
        if (!ctx.live()) return { type: 'superseded' }
        if (abortedNow) return abortedOutcome()
        switch (step.type) {
          case 'id':
            ctx.onId(step.id)
            continue
          case 'retry':
            ctx.onRetry(step.ms)
            continue
          case 'message':
            ctx.onMessage(step.ownId)
            continue
          case 'finish':
            return { type: 'finish', part: step }
          case 'error':
            return fail(step.error, progressed)
        }
        // Neither a replay nor a continuation: ask for the answer again, from its start.
        if (ctx.conflicted()) {
          const error = new StreamError(
            'truncated',
            'The resumed response repeats event ids without replaying the answer shown: restarting',
            { partialText: ctx.partialText() },
          )
          return fail(error, progressed)
        }
        // A server that ignored Last-Event-ID sends what was shown already: data, not progress.
        if (ctx.replayed()) continue
        if (step.type === 'text') progressed = true
        ctx.onPart(step)
      }
      return undefined
    }
    try {
      for (;;) {
        // Not raced against `stopped` (each race would leave a reaction on it until the
        // request ends): the reader cancels its body on abort, which settles this read.
        const steps = await batches.next()
        if (!ctx.live()) return { type: 'superseded' }
        if (controller.signal.aborted) return abortedOutcome()
        if (!steps) return { type: 'finish', part: { type: 'finish' } }
        const outcome = take(steps)
        ctx.commit()
        if (outcome) return outcome
      }
    } finally {
      // Release the reader (and with it the connection) whatever ended the loop.
      batches.cancel()
    }
  } finally {
    watchdog.clear()
    ctx.signal.removeEventListener('abort', onOuterAbort)
    if (!controller.signal.aborted) controller.abort()
  }
}
