import type { FormatAdapter } from '../parts.ts'
import { textParts } from './finish.ts'

/** The body is the text (UTF-8, decoded as it streams); the end of the body is the end. */
export function createTextFormat(): FormatAdapter {
  return { name: 'text', framing: 'text', end: 'stream-end', decode: textParts }
}
