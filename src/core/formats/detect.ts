import type { FormatAdapter, SSEMessage, StreamFraming } from '../parts.ts'
import { createAnthropicFormat, isAnthropicEvent } from './anthropic.ts'
import { isDone, isObject } from './json.ts'
import { createNdjsonFormat } from './ndjson.ts'
import { createOllamaFormat, isOllamaChunk } from './ollama.ts'
import { createOpenAIChatFormat, isOpenAIChatChunk } from './openai-chat.ts'
import { createOpenAIResponsesFormat, isOpenAIResponsesEvent } from './openai-responses.ts'
import { createSSEJsonFormat } from './sse-json.ts'
import { createSSETextFormat } from './sse-text.ts'
import { createTextFormat } from './text.ts'

const ndjsonTypes = [
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
  'application/json-lines',
]

/**
 * How `auto` splits a body, from its Content-Type: `text/event-stream` is SSE, the NDJSON /
 * JSON Lines types are lines, other types are plain text. Undefined when there is no
 * Content-Type (or only `application/octet-stream`): then the first bytes decide
 * ({@link sniffFraming}).
 */
export function framingOfContentType(
  contentType: string | null | undefined,
): StreamFraming | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === '' || type === 'application/octet-stream') return undefined
  if (type === 'text/event-stream') return 'sse'
  if (ndjsonTypes.includes(type)) return 'ndjson'
  return 'text'
}

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

function tryParse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

/**
 * Picks the format of an `auto` stream from its framing and first message: an OpenAI chat
 * chunk, a Responses event or an Anthropic event by their shape; other JSON events are
 * `sse-json`; event data that is not JSON is plain text. NDJSON lines shaped like Ollama's
 * are `ollama`, others `ndjson`.
 */
export function detectFormat(framing: StreamFraming, first: unknown): FormatAdapter {
  if (framing === 'text') return createTextFormat()
  if (framing === 'ndjson')
    return isOllamaChunk(first) ? createOllamaFormat() : createNdjsonFormat()
  const { data } = first as SSEMessage
  if (isDone(data)) return createSSEJsonFormat()
  const parsed = tryParse(data)
  if (!parsed) return createSSETextFormat()
  if (isOpenAIChatChunk(parsed.value)) return createOpenAIChatFormat()
  if (isOpenAIResponsesEvent(parsed.value)) return createOpenAIResponsesFormat()
  if (isAnthropicEvent(parsed.value)) return createAnthropicFormat()
  return createSSEJsonFormat()
}
