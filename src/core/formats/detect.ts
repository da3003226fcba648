import type { FormatAdapter, SSEMessage, StreamFraming } from '../parts.ts'
import { createAnthropicFormat, isAnthropicEvent } from './anthropic.ts'
import { createGeminiFormat, isGeminiChunk } from './gemini.ts'
import { isDone, tryParse } from './json.ts'
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
 * (see `sniffFraming`).
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

/**
 * Picks the format of an `auto` stream from its framing and first message: an OpenAI chat
 * chunk, a Responses event, an Anthropic event or a Gemini response by their shape; other
 * JSON events are `sse-json`; event data that is not JSON is plain text. NDJSON lines shaped
 * like Ollama's are `ollama`, others `ndjson`.
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
  if (isGeminiChunk(parsed.value)) return createGeminiFormat()
  return createSSEJsonFormat()
}
