import { StreamError } from '../errors.ts'

/** The `timeout.total` of one run: a signal for its requests, and why it fired. */
export interface Deadline {
  /** Aborted by the run's own signal (stop, start, reset) or when the deadline passes. */
  readonly signal: AbortSignal
  /** The `'timeout'` error (not retryable) once the deadline passed; undefined before. */
  readonly expired: StreamError | undefined
  /** ms left until the deadline (Infinity without one). */
  remaining(): number
  /** The error of a retry that would only start after the deadline. */
  tooLateFor(delay: number): StreamError
  /** Clears the timer and the link to the run's signal (the run is over). */
  clear(): void
}

/**
 * Starts the whole-stream deadline: after `ms`, `signal` aborts and `expired` is set. Without
 * `ms` (or with one that is not a positive number) only the run's signal aborts it. Reads the
 * global `setTimeout` at call time so fake timers apply.
 */
export function createDeadline(
  run: AbortSignal,
  ms: number | undefined,
  partialText: () => string,
): Deadline {
  const controller = new AbortController()
  const limited = ms !== undefined && ms > 0 && Number.isFinite(ms)
  const end = limited ? Date.now() + ms : Infinity
  let expired: StreamError | undefined
  const timeout = (message: string) =>
    new StreamError('timeout', message, { retryable: false, partialText: partialText() })
  const timer = limited
    ? setTimeout(() => {
        expired = timeout(`The stream took longer than timeout.total (${ms} ms)`)
        controller.abort(expired)
      }, ms)
    : undefined
  // Ended by stop, start or reset: the deadline is over with the run.
  const onAbort = () => {
    if (timer !== undefined) clearTimeout(timer)
    controller.abort(run.reason)
  }
  if (run.aborted) onAbort()
  else run.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    get expired() {
      return expired
    },
    remaining: () => end - Date.now(),
    tooLateFor: (delay) =>
      timeout(
        `The stream would take longer than timeout.total (${ms} ms): its next retry is due in ${delay} ms`,
      ),
    clear() {
      if (timer !== undefined) clearTimeout(timer)
      run.removeEventListener('abort', onAbort)
    },
  }
}
