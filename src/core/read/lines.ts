import { defaultMaxEventSize, eventTooLarge } from './limits.ts'
import { readChunks, untilAborted } from './read-chunks.ts'

/** One line of a newline-delimited body, and whether its newline arrived. */
export interface LineEntry {
  text: string
  /** False only for a last line the body ended without a newline after. */
  terminated: boolean
}

/**
 * Splits raw chunks into lines: `\n` ends a line, a `\r` before it is dropped, a last line
 * without a newline still counts (marked unterminated), and blank (empty or
 * whitespace-only) lines are skipped. A leading BOM is stripped.
 */
export async function* splitLineEntries(
  chunks: AsyncIterable<Uint8Array>,
  maxLineSize: number = defaultMaxEventSize,
): AsyncGenerator<LineEntry, void, undefined> {
  const decoder = new TextDecoder('utf-8')
  // Fragments of the current line, joined once its newline arrives: a long line in tiny
  // chunks stays linear.
  let fragments: string[] = []
  let pending = 0
  function* emit(text: string, final: boolean): Generator<LineEntry, void, undefined> {
    let start = 0
    let newline = text.indexOf('\n')
    while (newline !== -1) {
      if (pending + newline - start > maxLineSize) throw eventTooLarge('a line', maxLineSize)
      fragments.push(text.slice(start, newline))
      yield* line(fragments.join(''), true)
      fragments = []
      pending = 0
      start = newline + 1
      newline = text.indexOf('\n', start)
    }
    if (start < text.length) {
      pending += text.length - start
      if (pending > maxLineSize) throw eventTooLarge('a line', maxLineSize)
      fragments.push(text.slice(start))
    }
    if (final && fragments.length > 0) {
      yield* line(fragments.join(''), false)
      fragments = []
    }
  }
  function* line(raw: string, terminated: boolean): Generator<LineEntry, void, undefined> {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (text.trim() !== '') yield { text, terminated }
  }
  for await (const chunk of chunks) {
    yield* emit(decoder.decode(chunk, { stream: true }), false)
  }
  yield* emit(decoder.decode(), true)
}

/**
 * Splits raw chunks into lines: `\n` ends a line, a `\r` before it is dropped, a last line
 * without a newline still counts, and blank (empty or whitespace-only) lines are skipped.
 * A leading BOM is stripped.
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineSize?: number,
): AsyncGenerator<string, void, undefined> {
  for await (const entry of splitLineEntries(chunks, maxLineSize)) yield entry.text
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
export async function* readLines(
  body: ReadableStream<Uint8Array>,
  options: { signal?: AbortSignal; maxEventSize?: number } = {},
): AsyncGenerator<string, void, undefined> {
  const lines = splitLines(readChunks(body, options), options.maxEventSize)
  for await (const line of untilAborted(lines)) {
    // Lines already split from the last chunk are not delivered after an abort.
    if (options.signal?.aborted) return
    yield line
  }
}
