import type { EncodeContext, MockEncoder } from '../encoders.ts'
import { randomId } from '../timing.ts'
import { openaiErrorBody } from './openai-errors.ts'

const hex = '0123456789abcdef'

function usage(context: EncodeContext) {
  return {
    prompt_tokens: context.inputTokens,
    completion_tokens: context.outputTokens,
    total_tokens: context.inputTokens + context.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}

function chunk(context: EncodeContext, choices: unknown[], extra?: object) {
  // Key order as the API writes it; `usage: null` on every chunk only when usage is asked for.
  return JSON.stringify({
    id: context.ids.chat,
    object: 'chat.completion.chunk',
    created: Math.floor(context.now / 1000),
    model: context.model,
    service_tier: 'default',
    system_fingerprint: context.ids.fingerprint,
    choices,
    ...(context.includeUsage ? { usage: null } : {}),
    ...extra,
  })
}

function choice(delta: object, finishReason: string | null = null) {
  return { index: 0, delta, logprobs: null, finish_reason: finishReason }
}

/**
 * OpenAI chat completions (`POST /v1/chat/completions`, `stream: true`): `data:` lines of
 * `chat.completion.chunk` objects, a role chunk first, a chunk with `finish_reason`, the
 * usage chunk with empty `choices` (when asked for), then `data: [DONE]`.
 */
export const openaiChatEncoder: MockEncoder = {
  framing: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  init(context) {
    context.ids.chat = `chatcmpl-${randomId(29, context.random)}`
    context.ids.fingerprint = `fp_${randomId(10, context.random, hex)}`
  },
  head: (context) => [
    { data: chunk(context, [choice({ role: 'assistant', content: '', refusal: null })]) },
  ],
  token: (context, token) => [{ data: chunk(context, [choice({ content: token })]) }],
  part(context, part) {
    switch (part.type) {
      case 'reasoning':
        // DeepSeek's field; OpenRouter and vLLM send the same as `reasoning`.
        return [{ data: chunk(context, [choice({ reasoning_content: part.text })]) }]
      case 'tool-call-start': {
        const call = context.toolCalls[part.index]!
        const start = { index: part.index, id: call.id, type: 'function' }
        const fn = { name: call.name, arguments: '' }
        return [{ data: chunk(context, [choice({ tool_calls: [{ ...start, function: fn }] })]) }]
      }
      case 'tool-call-delta': {
        const delta = { index: part.index, function: { arguments: part.argsText } }
        return [{ data: chunk(context, [choice({ tool_calls: [delta] })]) }]
      }
      default:
        return []
    }
  },
  tail(context) {
    const reason = context.finishReason ?? (context.toolCalls.length > 0 ? 'tool_calls' : 'stop')
    const events = [{ data: chunk(context, [choice({}, reason)]) }]
    if (context.includeUsage) events.push({ data: chunk(context, [], { usage: usage(context) }) })
    events.push({ data: '[DONE]' })
    return events
  },
  providerError: (_context, message) => [{ data: JSON.stringify(openaiErrorBody(500, message)) }],
  malformed: (context) => ({ data: chunk(context, [choice({ content: '' })]).slice(0, 40) }),
  errorBody: openaiErrorBody,
  completion: (context) => ({
    id: context.ids.chat,
    object: 'chat.completion',
    created: Math.floor(context.now / 1000),
    model: context.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: context.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: context.finishReason ?? 'stop',
      },
    ],
    usage: usage(context),
    service_tier: 'default',
    system_fingerprint: context.ids.fingerprint,
  }),
}
