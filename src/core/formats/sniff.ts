import type { StreamFraming } from '../parts.ts'
import type { ChunkReader } from '../read/read-chunks.ts'
import { isObject, tryParse } from './json.ts'

const sseFields = ['data', 'event', 'id', 'retry']
// A first line that is a whole line of some size, so a long JSON line still decides.
const maxSniff = 65536

/**
 * Guesses the framing of a body that came without a Content-Type from its decoded start:
 * an SSE field or comment line is SSE, a first line that is a JSON object is NDJSON,
 * anything else is text. Undefined while the start is too short to tell (unless `ended`).
 */
export function sniffFraming(start: string, ended: boolean): StreamFraming | undefined {
  // Blank lines before the first field are legal in an event stream.
  const text = start.replace(/^[\r\n]+/, '')
  if (text === '') return ended ? 'text' : undefined
  if (text.startsWith(':') || /^(?:data|event|id|retry)[:\r\n]/.test(text)) return 'sse'
  if (!ended && sseFields.some((field) => field.startsWith(text))) return undefined
  if (!text.startsWith('{')) return 'text'
  const newline = text.indexOf('\n')
  if (newline === -1 && !ended && text.length < maxSniff) return undefined
  const line = newline === -1 ? text : text.slice(0, newline)
  const parsed = tryParse(line)
  return parsed && isObject(parsed.value) ? 'ndjson' : 'text'
}

// The start of an HTML page: a doctype or an html/head/body tag, after optional blanks.
const htmlStart = /^\s*<(?:!doctype\s+html|html|head|body)[\s>]/i

/** True when the decoded start of a body is an HTML page. */
export function looksLikeHtml(start: string): boolean {
  return htmlStart.test(start)
}

/**
 * Reads just enough of a body without a Content-Type to guess its framing. `head`: the chunks
 * read, to decode before the reader's next. `html`: the start is an HTML page (framing
 * `'text'`), which is no stream.
 */
export async function sniffBody(
  reader: ChunkReader,
): Promise<{ framing: StreamFraming; head: Uint8Array[]; html: boolean }> {
  const head: Uint8Array[] = []
  const decoder = new TextDecoder('utf-8')
  let start = ''
  let framing: StreamFraming | undefined
  while (framing === undefined) {
    const chunk = await reader.read()
    if (!chunk) {
      framing = sniffFraming(start + decoder.decode(), true) ?? 'text'
      break
    }
    head.push(chunk)
    start += decoder.decode(chunk, { stream: true })
    framing = sniffFraming(start, false)
  }
  return { framing, head, html: framing === 'text' && looksLikeHtml(start) }
}
