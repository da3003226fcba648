import type { FormatAdapter } from '../parts.ts'
import { decodeGenericJson } from './sse-json.ts'

/**
 * One JSON value per line with the same fields as `sse-json` (`text`, `token`, `content`,
 * `delta`, or a JSON string); the end of the body is the end.
 */
export function createNdjsonFormat(): FormatAdapter {
  return {
    name: 'ndjson',
    framing: 'ndjson',
    end: 'stream-end',
    decode: (value) => decodeGenericJson('ndjson', value),
  }
}
