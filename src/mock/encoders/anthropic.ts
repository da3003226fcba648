import type { EncodeContext, MockEncoder, WireEvent } from '../encoders.ts'
import { randomId } from '../timing.ts'

function event(type: string, body: object): WireEvent {
  return { event: type, data: JSON.stringify({ type, ...body }) }
}

function message(context: EncodeContext, content: unknown[], done: boolean) {
  return {
    id: context.ids.message,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content,
    stop_reason: done ? (context.finishReason ?? 'end_turn') : null,
    stop_sequence: null,
    usage: {
      input_tokens: context.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: done ? context.outputTokens : 1,
    },
  }
}

function errorType(status: number): [string, string] {
  switch (status) {
    case 400:
      return ['invalid_request_error', 'Invalid request.']
    case 401:
      return ['authentication_error', 'invalid x-api-key']
    case 403:
      return [
        'permission_error',
        'Your API key does not have permission to use the specified resource.',
      ]
    case 404:
      return ['not_found_error', 'The requested resource could not be found.']
    case 413:
      return ['request_too_large', 'Request exceeds the maximum allowed number of bytes.']
    case 429:
      return [
        'rate_limit_error',
        'Number of request tokens has exceeded your per-minute rate limit.',
      ]
    case 529:
      return ['overloaded_error', 'Overloaded']
    default:
      return status >= 500
        ? ['api_error', 'Internal server error']
        : ['invalid_request_error', `Request failed with status ${status}.`]
  }
}

/** Closes the open content block (a thinking block with its signature first). */
function closeBlock(context: EncodeContext): WireEvent[] {
  if (context.open === undefined) return []
  const events: WireEvent[] = []
  if (context.open === 'thinking') {
    const signature = randomId(64, context.random)
    events.push(
      event('content_block_delta', {
        index: context.block,
        delta: { type: 'signature_delta', signature },
      }),
    )
  }
  events.push(event('content_block_stop', { index: context.block }))
  context.open = undefined
  return events
}

/** Opens a block of `kind` at the next index unless one is open already (a tool always opens). */
function openBlock(
  context: EncodeContext,
  kind: 'text' | 'tool',
  block: object = { type: 'text', text: '' },
): WireEvent[] {
  if (kind === 'text' && context.open === 'text') return []
  const events = closeBlock(context)
  context.block++
  context.open = kind
  events.push(event('content_block_start', { index: context.block, content_block: block }))
  return events
}

/**
 * Anthropic Messages (`POST /v1/messages`, `stream: true`): named events `message_start`,
 * `content_block_start`, `ping`, one `content_block_delta` (`text_delta`) per token,
 * `content_block_stop`, `message_delta` (stop reason, output tokens), `message_stop`.
 */
export const anthropicEncoder: MockEncoder = {
  framing: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  init(context) {
    context.ids.message = `msg_01${randomId(22, context.random)}`
    context.ids.request = `req_01${randomId(22, context.random)}`
  },
  head(context) {
    const thinking = context.reasoning.length > 0
    context.block = 0
    context.open = thinking ? 'thinking' : 'text'
    const block = thinking
      ? { type: 'thinking', thinking: '', signature: '' }
      : { type: 'text', text: '' }
    return [
      event('message_start', { message: message(context, [], false) }),
      event('content_block_start', { index: 0, content_block: block }),
      // The API writes this one payload with a space, unlike the compact JSON of the others.
      { event: 'ping', data: '{"type": "ping"}' },
    ]
  },
  token: (context, token) => [
    ...openBlock(context, 'text'),
    event('content_block_delta', {
      index: context.block,
      delta: { type: 'text_delta', text: token },
    }),
  ],
  part(context, part) {
    switch (part.type) {
      case 'reasoning':
        return [
          event('content_block_delta', {
            index: context.block,
            delta: { type: 'thinking_delta', thinking: part.text },
          }),
        ]
      case 'source':
        return [
          ...openBlock(context, 'text'),
          event('content_block_delta', {
            index: context.block,
            delta: {
              type: 'citations_delta',
              citation: {
                type: 'web_search_result_location',
                cited_text: context.text.slice(0, 150),
                url: part.url,
                title: part.title ?? null,
                encrypted_index: randomId(16, context.random),
              },
            },
          }),
        ]
      case 'tool-call-start': {
        const call = context.toolCalls[part.index]!
        const block = { type: 'tool_use', id: call.id, name: call.name, input: {} }
        return [...openBlock(context, 'tool', block)]
      }
      case 'tool-call-delta':
        return [
          event('content_block_delta', {
            index: context.block,
            delta: { type: 'input_json_delta', partial_json: part.argsText },
          }),
        ]
      case 'tool-call-end':
        return closeBlock(context)
    }
  },
  tail: (context) => [
    ...closeBlock(context),
    event('message_delta', {
      delta: {
        stop_reason:
          context.finishReason ?? (context.toolCalls.length > 0 ? 'tool_use' : 'end_turn'),
        stop_sequence: null,
      },
      usage: { output_tokens: context.outputTokens },
    }),
    event('message_stop', {}),
  ],
  // As documented for mid-stream errors (spaced JSON, like the ping).
  providerError: (_context, message) => [
    {
      event: 'error',
      data: `{"type": "error", "error": {"type": "overloaded_error", "message": ${JSON.stringify(message)}}}`,
    },
  ],
  malformed: () => ({
    event: 'content_block_delta',
    data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_del',
  }),
  errorBody(status, text) {
    const [type, fallback] = errorType(status)
    const requestId = `req_011C${randomId(20, Math.random)}`
    return { type: 'error', error: { type, message: text ?? fallback }, request_id: requestId }
  },
  completion: (context) => message(context, [{ type: 'text', text: context.text }], true),
}
