import { anthropicEventTypes } from '../formats/anthropic.ts'

/**
 * The SSE event names the built-in formats' providers send. An `EventSource` dispatches a named
 * event only to listeners of that name (`onmessage` hears unnamed events alone), so the
 * EventSource transport listens to each of these; a provider event named otherwise is not
 * heard. `error` is both a server event (a `MessageEvent` with data) and the connection's
 * failure (a plain `Event`); the transport tells them apart.
 */
export const sseEventNames: readonly string[] = [
  'message',
  'error',
  ...anthropicEventTypes,
  // OpenAI Responses
  'response.created',
  'response.in_progress',
  'response.queued',
  'response.completed',
  'response.failed',
  'response.incomplete',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.output_text.annotation.added',
  'response.refusal.delta',
  'response.refusal.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.reasoning_summary_part.added',
  'response.reasoning_summary_part.done',
  'response.reasoning_summary_text.delta',
  'response.reasoning_summary_text.done',
  'response.reasoning_text.delta',
  'response.reasoning_text.done',
  'response.web_search_call.in_progress',
  'response.web_search_call.searching',
  'response.web_search_call.completed',
  'response.file_search_call.in_progress',
  'response.file_search_call.searching',
  'response.file_search_call.completed',
]
