import type { StreamFraming } from '../parts.ts'
import { splitLineEntries } from '../read/lines.ts'
import { parseSSE } from '../read/sse.ts'
import { decodeText } from '../read/text.ts'
import type { DecodeOptions } from './decode-response.ts'

/** The last NDJSON line of a body that ended before its newline: it may be cut short. */
export interface UnterminatedLine {
  unterminated: string
}

/**
 * The last "message" of an event stream that ended inside a block (bytes after the last
 * blank line): the spec discards that block undispatched; a decoder reads it as a cut.
 */
export const cutBlock: unique symbol = Symbol('cut event block')

/** Internal: hears where each SSE message begins, before its parts are decoded. */
export interface MessageBoundary {
  /**
   * An SSE message is about to be decoded. `ownId`: its block set the last event ID; false
   * when it carries an earlier block's id forward.
   */
  onMessage?(ownId: boolean): void
}

/** The text of an NDJSON message from {@link frameMessages}. */
export function lineText(message: unknown): string {
  return typeof message === 'string' ? message : (message as UnterminatedLine).unterminated
}

/**
 * Splits raw chunks into the messages of a framing: `SSEMessage`s (reporting ids and retries
 * to the options in stream order, then {@link cutBlock} if the body ended inside a block), NDJSON lines (unparsed strings; an `UnterminatedLine`
 * for a last line without its newline), or decoded text.
 */
export async function* frameMessages(
  framing: StreamFraming,
  chunks: AsyncIterable<Uint8Array>,
  options: Pick<DecodeOptions, 'onId' | 'onRetry' | 'maxEventSize'> & MessageBoundary,
): AsyncGenerator<unknown, void, undefined> {
  if (framing === 'sse') {
    for await (const entry of parseSSE(chunks, options.maxEventSize)) {
      if (entry.type === 'message') {
        options.onMessage?.(entry.ownId)
        yield entry.message
      } else if (entry.type === 'id') options.onId?.(entry.id)
      else if (entry.type === 'retry') options.onRetry?.(entry.ms)
      else yield cutBlock
    }
  } else if (framing === 'ndjson') {
    for await (const { text, terminated } of splitLineEntries(chunks, options.maxEventSize)) {
      yield terminated ? text : ({ unterminated: text } satisfies UnterminatedLine)
    }
  } else {
    yield* decodeText(chunks)
  }
}
