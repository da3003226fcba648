import type { StreamOptions } from './types.ts'

/** Which timer expired. */
export type TimeoutKind = 'firstByte' | 'idle'

/** One attempt's timers: first byte (from the request) and idle (between bytes). */
export interface Watchdog {
  /** (Re)start the timer for the given phase; `idle` also ends the first-byte phase. */
  arm(kind: TimeoutKind): void
  clear(): void
}

/**
 * Times one attempt. Each expiry calls `onExpire` once; the controller treats it as a dropped
 * connection (a retryable `'timeout'` error). Reads the global `setTimeout` at call time so
 * fake timers apply.
 */
export function createWatchdog(
  timeout: StreamOptions['timeout'],
  onExpire: (kind: TimeoutKind, ms: number) => void,
): Watchdog {
  let timer: ReturnType<typeof setTimeout> | undefined
  const clear = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  return {
    arm(kind) {
      clear()
      const ms = timeout?.[kind]
      if (ms === undefined || !(ms > 0) || !Number.isFinite(ms)) return
      timer = setTimeout(() => {
        timer = undefined
        onExpire(kind, ms)
      }, ms)
    },
    clear,
  }
}
