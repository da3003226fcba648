import type { StreamError } from '../errors.ts'
import { defaultMaxEventSize, eventTooLarge } from './limits.ts'
import { iterateChunks, stop, type ChunkFramer } from './iterate-chunks.ts'
import { openChunks } from './read-chunks.ts'

/** One line of a newline-delimited body, and whether its newline arrived. */
export interface LineEntry {
  type: 'line'
  text: string
  /** False only for a last line the body ended without a newline after. */
  terminated: boolean
}

/**
 * Splits raw chunks into lines, one chunk at a time: `\n` ends a line, a `\r` before it is
 * dropped, a last line without a newline still counts (marked unterminated), and blank
 * (empty or whitespace-only) lines are skipped. A leading BOM is stripped. At the end of the
 * body, a last line without its newline comes marked unterminated. A line longer than
 * `maxLineSize` sets `error`.
 */
export function createLineFramer(
  maxLineSize: number = defaultMaxEventSize,
): ChunkFramer<LineEntry> {
  const decoder = new TextDecoder('utf-8')
  // Fragments of the current line, joined once its newline arrives: a long line in tiny
  // chunks stays linear.
  let fragments: string[] = []
  let pending = 0
  let error: StreamError | undefined
  const line = (out: LineEntry[], raw: string, terminated: boolean) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (text.trim() !== '') out.push({ type: 'line', text, terminated })
  }
  const split = (text: string, final: boolean): LineEntry[] => {
    const out: LineEntry[] = []
    if (error) return out
    let start = 0
    let newline = text.indexOf('\n')
    while (newline !== -1) {
      if (pending + newline - start > maxLineSize) {
        error = eventTooLarge('a line', maxLineSize)
        return out
      }
      fragments.push(text.slice(start, newline))
      line(out, fragments.join(''), true)
      fragments = []
      pending = 0
      start = newline + 1
      newline = text.indexOf('\n', start)
    }
    if (start < text.length) {
      pending += text.length - start
      if (pending > maxLineSize) {
        error = eventTooLarge('a line', maxLineSize)
        return out
      }
      fragments.push(text.slice(start))
    }
    if (final && fragments.length > 0) {
      line(out, fragments.join(''), false)
      fragments = []
    }
    return out
  }
  return {
    feed: (chunk) => split(decoder.decode(chunk, { stream: true }), false),
    end: () => split(decoder.decode(), true),
    get error() {
      return error
    },
  }
}

/**
 * Reads a newline-delimited body (NDJSON, JSON Lines) line by line. `\n` ends a line, with
 * an optional `\r` before it; the last line counts without a newline; blank lines are
 * skipped; lines are not parsed. Aborting `signal` cancels the body and ends the iteration;
 * a failed read throws a `StreamError` of kind `'network'`.
 *
 * @example
 * for await (const line of readLines(response.body!)) console.log(JSON.parse(line))
 */
export function readLines(
  body: ReadableStream<Uint8Array>,
  options: { signal?: AbortSignal; maxEventSize?: number } = {},
): AsyncGenerator<string, void, undefined> {
  const { signal } = options
  const open = () => openChunks(body, { signal })
  // Lines already split from the last chunk are not delivered after an abort.
  return iterateChunks(open, createLineFramer(options.maxEventSize), (line) =>
    signal?.aborted ? stop : line.text,
  )
}
