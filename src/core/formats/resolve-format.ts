import type { FormatAdapter, StreamFormat } from '../parts.ts'
import { createAnthropicFormat } from './anthropic.ts'
import { createNdjsonFormat } from './ndjson.ts'
import { createOllamaFormat } from './ollama.ts'
import { createOpenAIChatFormat } from './openai-chat.ts'
import { createOpenAIResponsesFormat } from './openai-responses.ts'
import { createSSEJsonFormat } from './sse-json.ts'
import { createTextFormat } from './text.ts'

const builtIn = {
  'openai-chat': createOpenAIChatFormat,
  'openai-responses': createOpenAIResponsesFormat,
  anthropic: createAnthropicFormat,
  ollama: createOllamaFormat,
  'sse-json': createSSEJsonFormat,
  ndjson: createNdjsonFormat,
  text: createTextFormat,
} satisfies Record<Exclude<StreamFormat, 'auto' | FormatAdapter>, () => FormatAdapter>

/**
 * A fresh adapter for a format name (built-in formats keep per-stream state such as usage),
 * the custom adapter itself, or undefined for `'auto'`, which is decided by the response.
 * An unknown name throws, naming the valid ones.
 */
export function resolveFormat(format: StreamFormat): FormatAdapter | undefined {
  if (format === 'auto') return undefined
  if (typeof format === 'object' && format !== null) return format
  const create = builtIn[format as keyof typeof builtIn] as (() => FormatAdapter) | undefined
  if (!create) {
    throw new TypeError(
      `Unknown stream format "${String(format)}". Did you mean one of: auto, ${Object.keys(builtIn).join(', ')}, or a FormatAdapter?`,
    )
  }
  return create()
}
