import type { StreamFraming } from '../parts.ts'
import { splitLines } from '../read/lines.ts'
import { parseSSE } from '../read/sse.ts'
import { decodeText } from '../read/text.ts'
import type { DecodeOptions } from './decode-response.ts'

/**
 * Splits raw chunks into the messages of a framing: `SSEMessage`s (reporting ids and retries
 * to the options in stream order), NDJSON lines (unparsed), or decoded text.
 */
export async function* frameMessages(
  framing: StreamFraming,
  chunks: AsyncIterable<Uint8Array>,
  options: Pick<DecodeOptions, 'onId' | 'onRetry'>,
): AsyncGenerator<unknown, void, undefined> {
  if (framing === 'sse') {
    for await (const entry of parseSSE(chunks)) {
      if (entry.type === 'message') yield entry.message
      else if (entry.type === 'id') options.onId?.(entry.id)
      else options.onRetry?.(entry.ms)
    }
  } else if (framing === 'ndjson') {
    yield* splitLines(chunks)
  } else {
    yield* decodeText(chunks)
  }
}
