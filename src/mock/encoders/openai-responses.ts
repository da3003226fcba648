import type { EncodeContext, MockEncoder, MockPart, WireEvent } from '../encoders.ts'
import { randomId } from '../timing.ts'
import { openaiErrorBody } from './openai-errors.ts'

const hex = '0123456789abcdef'

// Every Responses event carries the next `sequence_number`, counted across the response.
function event(context: EncodeContext, type: string, body: object): WireEvent {
  const data = { type, sequence_number: context.sequence++, ...body }
  return { event: type, data: JSON.stringify(data) }
}

function outputText(text: string) {
  return { type: 'output_text', annotations: [], logprobs: [], text }
}

function item(context: EncodeContext, done: boolean) {
  return {
    id: context.ids.item,
    type: 'message',
    status: done ? 'completed' : 'in_progress',
    content: done ? [outputText(context.text)] : [],
    role: 'assistant',
  }
}

function response(context: EncodeContext, status: 'in_progress' | 'completed') {
  const done = status === 'completed'
  return {
    id: context.ids.response,
    object: 'response',
    created_at: Math.floor(context.now / 1000),
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: context.model,
    output: done ? [item(context, true)] : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: done
      ? {
          input_tokens: context.inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: context.outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: context.inputTokens + context.outputTokens,
        }
      : null,
    user: null,
    metadata: {},
  }
}

/** A function call output item: added, its argument deltas, done (after the message item). */
function functionCall(context: EncodeContext, part: MockPart): WireEvent[] {
  if (!('index' in part)) return []
  const call = context.toolCalls[part.index]!
  const output_index = part.index + 1
  const item_id = `fc_${call.id}`
  const item = (done: boolean) => ({
    type: 'function_call',
    id: item_id,
    call_id: call.id,
    name: call.name,
    arguments: done ? call.argsText : '',
    status: done ? 'completed' : 'in_progress',
  })
  switch (part.type) {
    case 'tool-call-start':
      return [event(context, 'response.output_item.added', { output_index, item: item(false) })]
    case 'tool-call-delta':
      return [
        event(context, 'response.function_call_arguments.delta', {
          item_id,
          output_index,
          delta: part.argsText,
        }),
      ]
    default:
      return [
        event(context, 'response.function_call_arguments.done', {
          item_id,
          output_index,
          arguments: call.argsText,
        }),
        event(context, 'response.output_item.done', { output_index, item: item(true) }),
      ]
  }
}

/**
 * OpenAI Responses (`POST /v1/responses`, `stream: true`): named events, each with a
 * `sequence_number`: `response.created`, `response.in_progress`, `response.output_item.added`,
 * `response.content_part.added`, one `response.output_text.delta` per token, then the
 * `….done` events and `response.completed` with the usage. There is no `[DONE]`.
 */
export const openaiResponsesEncoder: MockEncoder = {
  framing: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  init(context) {
    const suffix = randomId(48, context.random, hex)
    context.ids.response = `resp_${suffix}`
    context.ids.item = `msg_${randomId(48, context.random, hex)}`
    context.ids.reasoning = `rs_${randomId(48, context.random, hex)}`
  },
  head(context) {
    const at = { item_id: context.ids.item, output_index: 0, content_index: 0 }
    return [
      event(context, 'response.created', { response: response(context, 'in_progress') }),
      event(context, 'response.in_progress', { response: response(context, 'in_progress') }),
      event(context, 'response.output_item.added', {
        output_index: 0,
        item: item(context, false),
      }),
      event(context, 'response.content_part.added', { ...at, part: outputText('') }),
    ]
  },
  token: (context, token) => [
    event(context, 'response.output_text.delta', {
      item_id: context.ids.item,
      output_index: 0,
      content_index: 0,
      delta: token,
      logprobs: [],
    }),
  ],
  part(context, part) {
    const at = { item_id: context.ids.item, output_index: 0, content_index: 0 }
    switch (part.type) {
      case 'reasoning':
        return [
          event(context, 'response.reasoning_summary_text.delta', {
            item_id: context.ids.reasoning,
            output_index: 0,
            summary_index: 0,
            delta: part.text,
          }),
        ]
      case 'source':
        return [
          event(context, 'response.output_text.annotation.added', {
            ...at,
            annotation_index: context.sources.findIndex((s) => s.url === part.url),
            annotation: {
              type: 'url_citation',
              url: part.url,
              title: part.title ?? part.url,
              start_index: 0,
              end_index: context.text.length,
            },
          }),
        ]
      default:
        return functionCall(context, part)
    }
  },
  tail(context) {
    const at = { item_id: context.ids.item, output_index: 0, content_index: 0 }
    return [
      event(context, 'response.output_text.done', { ...at, text: context.text, logprobs: [] }),
      event(context, 'response.content_part.done', { ...at, part: outputText(context.text) }),
      event(context, 'response.output_item.done', { output_index: 0, item: item(context, true) }),
      event(context, 'response.completed', { response: response(context, 'completed') }),
    ]
  },
  providerError: (context, message) => {
    const error = { code: 'server_error', message, param: null }
    // Documented: the fields at the top. Reported from production: nested under `error`.
    const body =
      context.errorShape === 'nested' ? { type: 'error', error } : { type: 'error', ...error }
    return [
      { event: 'error', data: JSON.stringify({ ...body, sequence_number: context.sequence++ }) },
    ]
  },
  malformed: (context) => ({
    event: 'response.output_text.delta',
    data: `{"type":"response.output_text.delta","sequence_number":${context.sequence},"item_id":"`,
  }),
  errorBody: openaiErrorBody,
  completion: (context) => response(context, 'completed'),
}
