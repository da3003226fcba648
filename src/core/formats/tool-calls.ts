import type { StreamPart } from '../parts.ts'

/** Tool calls of one answer as a format sees them: keyed by what the provider uses. */
export interface ToolCallTracker<K> {
  /**
   * A delta for the call at `key`: the first one with an id (or name) starts the call; text
   * is appended to its arguments. Returns the parts to emit (none for a delta with nothing new).
   */
  delta(
    key: K,
    id: string | undefined,
    name: string | undefined,
    args: string | undefined,
  ): StreamPart[]
  /** The call at `key` is complete. */
  end(key: K): StreamPart[]
  /** Every open call is complete (a finish reason, the terminator). */
  endAll(): StreamPart[]
  /** The id of the call at `key`, if it started. */
  idOf(key: K): string | undefined
}

/**
 * Keeps the calls of one answer by the provider's key (OpenAI chat: `index`; Responses: the
 * item id; Anthropic: the content block index), so deltas that carry only the key reach the
 * right call. A call without an id from the provider gets `call_<key>`.
 */
export function createToolCallTracker<K>(): ToolCallTracker<K> {
  const open = new Map<K, string>()
  const started = new Map<K, string>()
  let count = 0
  return {
    delta(key, id, name, args) {
      const parts: StreamPart[] = []
      let callId = started.get(key)
      if (callId === undefined) {
        if (id === undefined && name === undefined && !args) return parts
        callId = id || `call_${count}`
        count++
        started.set(key, callId)
        open.set(key, callId)
        parts.push({ type: 'tool-call-start', id: callId, name: name ?? '' })
      }
      if (args) parts.push({ type: 'tool-call-delta', id: callId, argsText: args })
      return parts
    },
    end(key) {
      const id = open.get(key)
      if (id === undefined) return []
      open.delete(key)
      return [{ type: 'tool-call-end', id }]
    },
    endAll() {
      const parts: StreamPart[] = [...open.values()].map((id) => ({ type: 'tool-call-end', id }))
      open.clear()
      return parts
    },
    idOf: (key) => started.get(key),
  }
}
