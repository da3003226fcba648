/** Bytes written together after waiting `delay` ms since the previous step. */
export interface BodyStep {
  delay: number
  chunks: Uint8Array[]
}

/** What fetch reports when a connection is reset mid-body. */
const networkError = () => new TypeError('network error')

/** How a scheduled body ends after its last step. */
export type BodyEnd = 'close' | 'error' | 'hang'

/**
 * A response body that writes each step after its delay. Steps without a delay are written
 * at once, so a schedule of zero delays is instant. Cancelling the body (or aborting
 * `signal`) clears the pending timer: nothing keeps running after the reader is gone.
 */
export function scheduledBody(
  steps: readonly BodyStep[],
  end: BodyEnd,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  // A reset waiting for the reader to take the bytes written before it.
  let resetPending = false
  let onAbort: (() => void) | undefined

  const stop = () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (onAbort) signal?.removeEventListener('abort', onAbort)
  }

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (step: BodyStep) => {
        for (const chunk of step.chunks) controller.enqueue(chunk)
      }
      const finish = () => {
        if (end === 'hang') return // stays open until the reader cancels or the signal aborts
        stop()
        if (end === 'close') controller.close()
        // `error()` would discard the chunks still queued, so the bytes written before the
        // reset would never be read: error once the reader has drained them (see `pull`).
        else if ((controller.desiredSize ?? 0) > 0) controller.error(networkError())
        else resetPending = true
      }
      // Each step is due at the sum of the delays so far, measured from the start: a timer
      // that fires late shortens the next wait, so lateness does not add up over a long body.
      let due = Date.now()
      const run = (from: number) => {
        for (let i = from; i < steps.length; i++) {
          const step = steps[i] as BodyStep
          if (step.delay > 0) {
            due += step.delay
            timer = setTimeout(
              () => {
                timer = undefined
                if (stopped) return
                write(step)
                run(i + 1)
              },
              Math.max(0, due - Date.now()),
            )
            return
          }
          write(step)
        }
        finish()
      }
      if (signal) {
        onAbort = () => {
          stop()
          controller.error(
            signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'),
          )
        }
        if (signal.aborted) return onAbort()
        signal.addEventListener('abort', onAbort, { once: true })
      }
      run(0)
    },
    pull(controller) {
      // Called when the queue has room again, so everything written before was read.
      if (!resetPending) return
      resetPending = false
      controller.error(networkError())
    },
    cancel() {
      stop()
    },
  })
}
