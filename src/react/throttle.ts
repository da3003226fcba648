import { scheduleAfter, scheduleFrame } from './schedule-frame.ts'

/**
 * How often a hook lets React commit while a stream is active: `'frame'` at most once per
 * animation frame, a number at most once per that many milliseconds, `false` on every change.
 * @defaultValue 'frame'
 */
export type Throttle = 'frame' | number | false

type Subscribe = (listener: () => void) => () => void

const hidden = () => typeof document !== 'undefined' && document.hidden

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/**
 * Wraps a store's `subscribe` so each listener is called at most once per frame (or per `ms`)
 * while `isSettled()` is false. A settled state (done, error, aborted, idle) is passed on at
 * once, so the final state is never held back. While the page is hidden nothing is passed on;
 * the first `visibilitychange` back to visible passes on one catch-up call.
 * The wrapper is the `onStoreChange` batching TanStack's notifyManager does, at the adapter:
 * the controller itself stays synchronous.
 */
export function throttleSubscribe(
  subscribe: Subscribe,
  isSettled: () => boolean,
  throttle: Throttle,
): Subscribe {
  if (throttle === false) return subscribe
  return (listener) => {
    let cancel: (() => void) | undefined
    let waitingForVisible = false
    let last = -Infinity

    const onVisibility = () => {
      if (hidden()) return
      stopWaiting()
      flush()
    }
    const stopWaiting = () => {
      if (!waitingForVisible) return
      waitingForVisible = false
      document.removeEventListener('visibilitychange', onVisibility)
    }
    const flush = () => {
      cancel = undefined
      if (hidden()) {
        // Timers still fire in background tabs; a commit nobody sees is wasted work.
        if (!waitingForVisible) document.addEventListener('visibilitychange', onVisibility)
        waitingForVisible = true
        return
      }
      last = now()
      listener()
    }
    const onChange = () => {
      if (isSettled()) {
        cancel?.()
        cancel = undefined
        stopWaiting()
        last = now()
        listener()
        return
      }
      if (cancel || waitingForVisible) return
      cancel =
        throttle === 'frame'
          ? scheduleFrame(flush)
          : scheduleAfter(Math.max(0, last + throttle - now()), flush)
    }

    const unsubscribe = subscribe(onChange)
    return () => {
      unsubscribe()
      cancel?.()
      cancel = undefined
      stopWaiting()
    }
  }
}
