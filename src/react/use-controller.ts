import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import { isActive } from 'rivulet/core'
import type { StreamStatus } from 'rivulet/core'
import { throttleSubscribe } from './throttle.ts'
import type { Throttle } from './throttle.ts'

/** The store half of a rivulet controller: what a hook needs to render it. */
export interface ControllerStore<TSnapshot extends { status: StreamStatus }> {
  getSnapshot(): TSnapshot
  /** The status alone, when reading it costs less than the snapshot (a stream's JSON object). */
  getStatus?(): StreamStatus
  subscribe(listener: () => void): () => void
}

/**
 * Reads a controller's snapshot with `useSyncExternalStore`, letting React commit at most as
 * often as `throttle` allows while the stream is active. The server getter is the same function
 * (zustand's third argument): nothing here touches `window` or `document` during render.
 */
export function useControllerSnapshot<TSnapshot extends { status: StreamStatus }>(
  controller: ControllerStore<TSnapshot>,
  throttle: Throttle,
): TSnapshot {
  const subscribe = useMemo(
    () =>
      throttleSubscribe(
        (listener) => controller.subscribe(listener),
        // Asked on every change: the status alone, so a JSON object is made once per commit.
        () => !isActive(controller.getStatus?.() ?? controller.getSnapshot().status),
        throttle,
      ),
    [controller, throttle],
  )
  const getSnapshot = useMemo(() => () => controller.getSnapshot(), [controller])
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}

/**
 * Stops `controller` when the component unmounts, without breaking React StrictMode: the
 * cleanup only schedules `stop()` in a microtask, and an effect run for the same controller
 * in the same task (StrictMode's remount) cancels it. TanStack's `scheduleGc`/`clearGcTimeout`
 * idea, applied to aborts.
 */
export function useStopOnUnmount(controller: { stop(): void } | undefined): void {
  const pending = useRef<{ controller: { stop(): void } } | null>(null)
  useEffect(() => {
    if (!controller) return
    if (pending.current?.controller === controller) pending.current = null
    return () => {
      const scheduled = { controller }
      pending.current = scheduled
      queueMicrotask(() => {
        if (pending.current !== scheduled) return
        pending.current = null
        controller.stop()
      })
    }
  }, [controller])
}

/**
 * Throws for a hook that was first rendered with a bound controller (`stream`, `chat`) and
 * later without one: it never made its own, having had no options to make it from.
 */
export function unbound(hook: string, option: string): never {
  throw new TypeError(
    `${hook}: the \`${option}\` option was given on the first render and removed later. Did you mean to keep passing it, or to remount the component (a new key) without it?`,
  )
}
