import type { SSEMessage } from '../parts.ts'
import { isObject, parseJson, stringOf, type JsonObject } from './json.ts'
import { providerError, sseData } from './provider-error.ts'

/** One event of an SSE stream whose JSON payloads name their own `type`. */
export interface TypedEvent {
  /** The payload's `type`, else the SSE event name. */
  type: string | undefined
  payload: JsonObject
}

/**
 * Reads one message of a typed-event stream (Anthropic Messages, OpenAI Responses): undefined
 * for a message that carries nothing (blank data, a non-object payload); throws the provider
 * error for an `error` event, named by the SSE event or by the payload's `type`.
 */
export function readTypedEvent(format: string, message: SSEMessage): TypedEvent | undefined {
  const data = sseData(format, message)
  const { event } = message
  if (data.trim() === '') return undefined
  const payload = parseJson(data, format)
  // The event name and the payload's `type` agree; the payload wins when they do not.
  const type = (isObject(payload) ? stringOf(payload.type) : undefined) ?? event
  if (type === 'error') throw providerError(format, payload)
  if (!isObject(payload)) return undefined
  return { type, payload }
}
