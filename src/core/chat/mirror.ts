import { isActive, type StreamStatus } from '../status.ts'
import type { MessagePart } from '../parts.ts'
import type { StreamSnapshot } from '../stream/types.ts'
import type { ChatMessage } from './types.ts'

/** What earlier steps of a tool loop put in the answer that the next step continues. */
export interface StepBase {
  content: string
  parts: MessagePart[]
  reasoning?: string
}

function messageStatus(status: StreamStatus): ChatMessage['status'] | undefined {
  if (isActive(status)) return 'streaming'
  if (status === 'done' || status === 'error' || status === 'aborted') return status
  return undefined
}

const stepStart: MessagePart = Object.freeze({ type: 'step-start' })

/** What the answer `message` shows when its stream is at `s` (after `base`, in a tool loop). */
export function mirror(message: ChatMessage, s: StreamSnapshot, base?: StepBase): ChatMessage {
  const content = base && base.content && s.text ? `${base.content}\n\n${s.text}` : s.text
  const next: ChatMessage = {
    ...message,
    content: base && !s.text ? base.content : content,
    metrics: s.metrics,
    // A step's parts follow the earlier steps' (copying the list of parts, never the text).
    parts: base ? [...base.parts, stepStart, ...s.parts] : s.parts,
  }
  const status = messageStatus(s.status)
  if (status) next.status = status
  const reasoning =
    base?.reasoning !== undefined ? base.reasoning + (s.reasoning ?? '') : s.reasoning
  if (reasoning !== undefined) next.reasoning = reasoning
  if (s.error) next.error = s.error
  else delete next.error
  return next
}

/** What a finished step leaves for the next step of the same answer to continue from. */
export function baseOf(message: ChatMessage): StepBase {
  const base: StepBase = { content: message.content, parts: message.parts ?? [] }
  if (message.reasoning !== undefined) base.reasoning = message.reasoning
  return base
}
