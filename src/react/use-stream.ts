import { useMemo, useState } from 'react'
import { createStream, isActive } from 'rivulet/core'
import type { StreamController, StreamOptions, StreamResult, StreamSnapshot } from 'rivulet/core'
import { withoutEvent } from './event-input.ts'
import { createTaskGuard } from './task-guard.ts'
import type { Throttle } from './throttle.ts'
import { unbound, useControllerSnapshot, useStopOnUnmount } from './use-controller.ts'
import { useOptionsHandOver } from './use-options-hand-over.ts'

/** Options of {@link useStream}: everything `createStream` takes, plus how often to commit. */
export interface UseStreamOptions extends StreamOptions {
  /** At most one React commit per animation frame, per that many ms, or (`false`) per change. @defaultValue 'frame' */
  throttle?: Throttle
  /** Render a controller made outside React instead of creating one. It is not stopped on unmount. */
  stream?: StreamController
}

/** The stream's snapshot, `isLoading` (derived from `status`) and its actions, stable across renders. */
export type UseStreamResult = StreamSnapshot & {
  isLoading: boolean
  /** Starts (or restarts) the request; `input` goes to `body(input)`. An event passed by `onClick={start}` is ignored. */
  start(input?: unknown): Promise<StreamResult>
} & Pick<StreamController, 'stop' | 'retry' | 'reset'>

/**
 * Streams one response into React. The controller is created once; url, body, headers and
 * callbacks are read from the latest render when `start` runs. Unmounting aborts the request.
 * @example
 * const { text, status, start, stop } = useStream({ url: '/api/complete', format: 'openai-chat' })
 */
export function useStream(options: UseStreamOptions = {}): UseStreamResult {
  const { throttle, stream: bound, ...streamOptions } = options
  // A bound controller needs no url, so none is made for it (createStream would throw).
  const [own] = useState(() => (bound ? undefined : createStream(streamOptions)))
  useOptionsHandOver(own, streamOptions)
  const stream = bound ?? own ?? unbound('useStream', 'stream')
  useStopOnUnmount(own)
  const snapshot = useControllerSnapshot(stream, throttle ?? 'frame')
  const actions = useMemo(() => {
    const guard = createTaskGuard()
    return {
      start: guard.once((input?: unknown) => stream.start(withoutEvent(input))),
      stop: guard.clearing(() => stream.stop()),
      retry: guard.clearing(() => stream.retry()),
      reset: guard.clearing(() => stream.reset()),
    }
  }, [stream])
  return useMemo(
    () => ({ ...snapshot, isLoading: isActive(snapshot.status), ...actions }),
    [snapshot, actions],
  )
}
