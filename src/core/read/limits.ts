import { StreamError } from '../errors.ts'
import type { ChunkReader } from './read-chunks.ts'

/**
 * The default of `maxEventSize`: the longest line, event or JSON document read whole, in
 * characters of decoded text. Far above any real event (a few KiB; a large tool-call
 * argument a few hundred), far below what exhausts a process.
 */
export const defaultMaxEventSize = 4 * 1024 * 1024

/** The non-retryable `parse` error of a line, event or document longer than `limit`. */
export function eventTooLarge(what: string, limit: number): StreamError {
  return new StreamError(
    'parse',
    `${what} is longer than maxEventSize (${limit} characters): the server sent a line without end, or raise maxEventSize`,
    { retryable: false },
  )
}

/** Reads the whole of `reader` as UTF-8 text, failing once it grows past `limit`. */
export async function readWholeText(
  reader: ChunkReader,
  limit: number,
  what: string,
): Promise<string> {
  const decoder = new TextDecoder('utf-8')
  const fragments: string[] = []
  let length = 0
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    const text = decoder.decode(chunk, { stream: true })
    length += text.length
    if (length > limit) throw eventTooLarge(what, limit)
    fragments.push(text)
  }
  fragments.push(decoder.decode())
  return fragments.join('')
}
