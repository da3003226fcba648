import type { MessagePart, ReasoningPart, ToolCallPart } from '../parts.ts'
import type { ChatMessage } from './types.ts'

/** The providers `toRequestMessages` writes request messages for. */
export type RequestFormat = 'openai-chat' | 'openai-responses' | 'anthropic' | 'ollama'

/**
 * One step of an answer: what the model said (reasoning, text) and the calls it made, whose
 * results follow it in the request. An answer of a tool loop has a step per request.
 */
interface Step {
  reasoning: ReasoningPart[]
  text: string
  calls: ToolCallPart[]
}

type JsonRecord = Record<string, unknown>

/**
 * An assistant message split at its tool calls: a step ends with its calls, and the text after
 * them starts the next. Only calls with a result go back: a provider rejects a call without
 * one. A message without parts is one step of its `content`.
 */
function stepsOf(message: ChatMessage): Step[] {
  if (!message.parts || message.parts.length === 0) {
    return [{ reasoning: [], text: message.content, calls: [] }]
  }
  const steps: Step[] = []
  let step: Step = { reasoning: [], text: '', calls: [] }
  const add = (part: MessagePart) => {
    if (part.type === 'tool-call') {
      if ('result' in part && part.status === 'complete') step.calls.push(part)
      return
    }
    // Whatever comes after the calls, or after a step start, belongs to the next request's answer.
    if (part.type === 'step-start' || step.calls.length > 0) {
      if (!isEmpty(step)) steps.push(step)
      step = { reasoning: [], text: '', calls: [] }
    }
    if (part.type === 'text') step.text += part.text
    else if (part.type === 'reasoning') step.reasoning.push(part)
  }
  for (const part of message.parts) add(part)
  if (!isEmpty(step) || steps.length === 0) steps.push(step)
  return steps
}

const isEmpty = (step: Step) =>
  step.text === '' && step.calls.length === 0 && step.reasoning.length === 0

/** A tool result as the text a provider takes: strings as they are, anything else as JSON. */
function resultText(result: unknown): string {
  return typeof result === 'string' ? result : JSON.stringify(result ?? null)
}

/** The parsed arguments of a call, `{}` when they are not a JSON object. */
function argsObject(call: ToolCallPart): unknown {
  try {
    const value: unknown = JSON.parse(call.argsText || '{}')
    return typeof value === 'object' && value !== null ? value : {}
  } catch {
    return typeof call.args === 'object' && call.args !== null ? call.args : {}
  }
}

const reasoningText = (step: Step) =>
  step.reasoning
    .filter((r) => !r.redacted)
    .map((r) => r.text)
    .join('')

function openaiChat(message: ChatMessage): JsonRecord[] {
  if (message.role !== 'assistant') return [{ role: message.role, content: message.content }]
  return stepsOf(message).flatMap((step): JsonRecord[] => {
    // Reasoning is not sent back: DeepSeek rejects `reasoning_content` in the input.
    if (step.calls.length === 0) return [{ role: 'assistant', content: step.text }]
    return [
      {
        role: 'assistant',
        content: step.text === '' ? null : step.text,
        tool_calls: step.calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.argsText || '{}' },
        })),
      },
      ...step.calls.map((call) => ({
        role: 'tool',
        tool_call_id: call.id,
        content: resultText(call.result),
      })),
    ]
  })
}

function openaiResponses(message: ChatMessage): JsonRecord[] {
  if (message.role !== 'assistant') return [{ role: message.role, content: message.content }]
  return stepsOf(message).flatMap((step): JsonRecord[] => [
    ...(step.text === '' ? [] : [{ role: 'assistant', content: step.text }]),
    ...step.calls.map((call) => ({
      type: 'function_call',
      call_id: call.id,
      name: call.name,
      arguments: call.argsText || '{}',
    })),
    ...step.calls.map((call) => ({
      type: 'function_call_output',
      call_id: call.id,
      output: resultText(call.result),
    })),
  ])
}

function anthropic(message: ChatMessage): JsonRecord[] {
  // Anthropic takes the system prompt as the request's `system` field, not as a message.
  if (message.role === 'system') return []
  if (message.role !== 'assistant') return [{ role: message.role, content: message.content }]
  return stepsOf(message).flatMap((step): JsonRecord[] => {
    const content: JsonRecord[] = []
    // Thinking goes back with its signature (required with tool use); redacted as it came.
    for (const r of step.reasoning) {
      if (r.redacted) content.push({ type: 'redacted_thinking', data: r.data ?? '' })
      else if (r.signature) {
        content.push({ type: 'thinking', thinking: r.text, signature: r.signature })
      }
    }
    if (step.text !== '') content.push({ type: 'text', text: step.text })
    for (const call of step.calls) {
      content.push({ type: 'tool_use', id: call.id, name: call.name, input: argsObject(call) })
    }
    const turn: JsonRecord[] = [{ role: 'assistant', content }]
    if (step.calls.length > 0) {
      turn.push({
        role: 'user',
        content: step.calls.map((call) => ({
          type: 'tool_result',
          tool_use_id: call.id,
          content: resultText(call.result),
        })),
      })
    }
    return turn
  })
}

function ollama(message: ChatMessage): JsonRecord[] {
  if (message.role !== 'assistant') return [{ role: message.role, content: message.content }]
  return stepsOf(message).flatMap((step): JsonRecord[] => {
    const turn: JsonRecord = { role: 'assistant', content: step.text }
    const thinking = reasoningText(step)
    if (thinking !== '') turn.thinking = thinking
    if (step.calls.length === 0) return [turn]
    turn.tool_calls = step.calls.map((call) => ({
      function: { name: call.name, arguments: argsObject(call) },
    }))
    return [
      turn,
      ...step.calls.map((call) => ({
        role: 'tool',
        content: resultText(call.result),
        tool_name: call.name,
      })),
    ]
  })
}

const writers: Record<RequestFormat, (message: ChatMessage) => JsonRecord[]> = {
  'openai-chat': openaiChat,
  'openai-responses': openaiResponses,
  anthropic,
  ollama,
}

/**
 * The chat history as a provider's request messages, tool calls and their results included,
 * so a request body is one line. An answer of a tool loop becomes the provider's sequence:
 * the assistant turn with its calls, the results, the next turn. Reasoning goes back where
 * the provider wants it: Anthropic thinking blocks with their signature (and redacted ones),
 * Ollama `thinking`; OpenAI chat and Responses get none. Calls without a result are left out.
 * For `anthropic`, system messages are left out: pass them as the request's `system`.
 *
 * @example
 * createChat({
 *   url: '/api/chat',
 *   format: 'openai-chat',
 *   body: (messages) => ({ model, tools, stream: true, messages: toRequestMessages(messages, 'openai-chat') }),
 * })
 */
export function toRequestMessages(
  messages: readonly ChatMessage[],
  format: RequestFormat,
): Record<string, unknown>[] {
  const write = writers[format]
  if (!write) {
    throw new TypeError(
      `toRequestMessages: unknown format "${String(format)}". Use one of ${Object.keys(writers).join(', ')}.`,
    )
  }
  return messages.flatMap((message) => write(message))
}
