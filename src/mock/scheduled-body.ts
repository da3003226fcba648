/** Bytes written together after waiting `delay` ms since the previous step. */
export interface BodyStep {
  delay: number
  chunks: Uint8Array[]
}

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
        // What fetch reports when a connection is reset mid-body.
        else controller.error(new TypeError('network error'))
      }
      const run = (from: number) => {
        for (let i = from; i < steps.length; i++) {
          const step = steps[i] as BodyStep
          if (step.delay > 0) {
            timer = setTimeout(() => {
              timer = undefined
              if (stopped) return
              write(step)
              run(i + 1)
            }, step.delay)
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
    cancel() {
      stop()
    },
  })
}
