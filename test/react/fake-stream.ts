import type { StreamController, StreamSnapshot } from 'rivulet/core'

/**
 * A hand-driven StreamController: the test pushes snapshots with `set` and counts calls.
 * It lets the throttle be tested without a network or timing from a real stream.
 */
export function fakeStream() {
  let snapshot: StreamSnapshot = {
    status: 'idle',
    text: '',
    parts: [],
    metrics: { tokens: 0, chars: 0, bytes: 0, retries: 0 },
  }
  const listeners = new Set<() => void>()
  const calls = { start: 0, stop: 0, retry: 0, reset: 0, getSnapshot: 0 }
  const set = (patch: Partial<StreamSnapshot>) => {
    snapshot = { ...snapshot, ...patch }
    for (const listener of listeners) listener()
  }
  const result = () => ({ ...snapshot })
  const controller: StreamController = {
    getSnapshot: () => {
      calls.getSnapshot += 1
      return snapshot
    },
    getStatus: () => snapshot.status,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start: async () => {
      calls.start += 1
      set({ status: 'connecting', text: '' })
      return result()
    },
    stop: () => {
      calls.stop += 1
      set({ status: 'aborted' })
    },
    retry: async () => {
      calls.retry += 1
      return result()
    },
    setOptions: () => {},
    reset: () => {
      calls.reset += 1
      set({ status: 'idle', text: '' })
    },
  }
  return { controller, set, calls, listeners }
}
