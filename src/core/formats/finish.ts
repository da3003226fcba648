import type { StreamPart, Usage } from '../parts.ts'

type FinishPart = Extract<StreamPart, { type: 'finish' }>

/** A `finish` part, without the keys the stream did not provide. */
export function finishPart(reason?: string, usage?: Usage): FinishPart {
  const part: { type: 'finish'; reason?: string; usage?: Usage } = { type: 'finish' }
  if (reason !== undefined) part.reason = reason
  if (usage !== undefined) part.usage = usage
  return part
}

/** A `text` part, or nothing for empty text. */
export function textParts(text: unknown): StreamPart[] {
  return typeof text === 'string' && text !== '' ? [{ type: 'text', text }] : []
}
