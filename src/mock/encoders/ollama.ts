import type { EncodeContext, MockEncoder } from '../encoders.ts'

const msToNs = 1_000_000

function line(context: EncodeContext, content: string, done: boolean) {
  const base = {
    model: context.model,
    created_at: new Date(context.now + (done ? context.duration : 0)).toISOString(),
  }
  const body =
    context.ollamaEndpoint === 'chat'
      ? { ...base, message: { role: 'assistant', content } }
      : { ...base, response: content }
  if (!done) return { ...body, done: false }
  // Ollama reports durations in nanoseconds; they follow the planned timing of the mock.
  const promptEval = Math.round(context.ttft * 0.8 * msToNs)
  const load = Math.round(context.ttft * 0.1 * msToNs)
  const evalDuration = Math.max(0, Math.round((context.duration - context.ttft) * msToNs))
  return {
    ...body,
    done_reason: context.finishReason ?? 'stop',
    done: true,
    // /api/generate also returns the conversation's token ids, to pass back as `context`.
    ...(context.ollamaEndpoint === 'generate' ? { context: context.contextIds } : {}),
    total_duration: Math.round(context.duration * msToNs) + load,
    load_duration: load,
    prompt_eval_count: context.inputTokens,
    prompt_eval_duration: promptEval,
    eval_count: context.outputTokens,
    eval_duration: evalDuration,
  }
}

/**
 * Ollama (`POST /api/chat` or `/api/generate`, streaming by default): NDJSON, one object a
 * line with `message.content` (chat) or `response` (generate) and `done: false`, ending
 * with a `done: true` line that carries `done_reason`, the eval counts and durations.
 */
export const ollamaEncoder: MockEncoder = {
  framing: 'ndjson',
  contentType: 'application/x-ndjson',
  init(context) {
    const count = context.inputTokens + context.outputTokens
    context.contextIds = Array.from({ length: count }, () => Math.floor(context.random() * 128000))
  },
  head: () => [],
  token: (context, token) => [{ data: JSON.stringify(line(context, token, false)) }],
  part(context, part) {
    const chat = context.ollamaEndpoint === 'chat'
    if (part.type === 'reasoning') {
      const body = line(context, '', false) as Record<string, unknown>
      if (chat) body.message = { role: 'assistant', content: '', thinking: part.text }
      else body.thinking = part.text
      return [{ data: JSON.stringify(body) }]
    }
    // Ollama sends a tool call whole, its arguments an object, once it is complete.
    if (part.type !== 'tool-call-end' || !chat) return []
    const call = context.toolCalls[part.index]!
    const fn = { index: part.index, name: call.name, arguments: JSON.parse(call.argsText) }
    const body = line(context, '', false)
    const message = { role: 'assistant', content: '', tool_calls: [{ id: call.id, function: fn }] }
    return [{ data: JSON.stringify({ ...body, message }) }]
  },
  tail: (context) => [{ data: JSON.stringify(line(context, '', true)) }],
  providerError: (_context, message) => [{ data: JSON.stringify({ error: message }) }],
  malformed: (context) => ({ data: JSON.stringify(line(context, '', false)).slice(0, 30) }),
  errorBody: (status, message) => ({
    error: message ?? (status === 404 ? 'model not found' : `request failed with status ${status}`),
  }),
  completion: (context) => ({ ...line(context, context.text, true) }),
}
