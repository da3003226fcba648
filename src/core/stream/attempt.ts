import { StreamError } from '../errors.ts'
import { decodeResponse } from '../formats/decode-response.ts'
import type { StreamPart } from '../parts.ts'
import { httpError } from './http-error.ts'
import { buildRequest } from './request.ts'
import { createWatchdog } from './timeouts.ts'
import type { StreamOptions } from './types.ts'

/** How one request ended. `progressed`: it delivered at least one text part. */
export type AttemptOutcome =
  | { type: 'finish'; part: Extract<StreamPart, { type: 'finish' }> }
  | { type: 'error'; error: StreamError; progressed: boolean }
  | { type: 'superseded' }

/** What the controller hands one attempt, and hears back from it. */
export interface AttemptContext {
  options: StreamOptions
  input: unknown
  lastEventId: string
  /** Aborted by stop/start/reset: the attempt ends at once. */
  signal: AbortSignal
  /** False once the attempt belongs to a superseded run. */
  live(): boolean
  partialText(): string
  onPart(part: Exclude<StreamPart, { type: 'finish' | 'error' }>): void
  onId(id: string): void
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
  const fail = (error: StreamError, progressed: boolean): AttemptOutcome =>
    ctx.live() ? { type: 'error', error: timedOut ?? error, progressed } : { type: 'superseded' }
  let progressed = false
  watchdog.arm('firstByte')
  try {
    let response: Response
    try {
      const init = await buildRequest(options, ctx.input, ctx.lastEventId, controller.signal)
      const fetcher = options.fetch ?? globalThis.fetch
      const result = await Promise.race([fetcher(options.url ?? '', init), stopped])
      if (result === aborted) return fail(networkError('aborted', ctx.partialText()), false)
      response = result
    } catch (cause) {
      return fail(networkError(cause, ctx.partialText()), false)
    }
    if (!ctx.live()) return { type: 'superseded' }
    if (!response.ok) {
      const error = await Promise.race([
        httpError(response, ctx.partialText(), controller.signal),
        stopped,
      ])
      return fail(error === aborted ? networkError('aborted', ctx.partialText()) : error, false)
    }
    const parts = decodeResponse(response, options.format ?? 'auto', {
      signal: controller.signal,
      onId: ctx.onId,
      onRetry: ctx.onRetry,
      onBytes(n) {
        watchdog.arm('idle')
        ctx.onBytes(n)
      },
    })[Symbol.asyncIterator]()
    try {
      for (;;) {
        const step = await Promise.race([parts.next(), stopped])
        if (!ctx.live()) return { type: 'superseded' }
        if (step === aborted) return fail(networkError('aborted', ctx.partialText()), progressed)
        if (step.done) return { type: 'finish', part: { type: 'finish' } }
        const part = step.value
        if (part.type === 'finish') return { type: 'finish', part }
        if (part.type === 'error') return fail(part.error, progressed)
        if (part.type === 'text') {
          progressed = true
          watchdog.arm('idle')
        }
        ctx.onPart(part)
      }
    } finally {
      // Release the reader (and with it the connection) whatever ended the loop.
      void parts.return?.()?.catch(() => {})
    }
  } finally {
    watchdog.clear()
    ctx.signal.removeEventListener('abort', onOuterAbort)
    if (!controller.signal.aborted) controller.abort()
  }
}
