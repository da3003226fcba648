import type { ToolCallPart } from '../parts.ts'
import type { ChatMessage } from './types.ts'

/** The tool calls among `message.parts` from position `from` on. */
export function toolCallsOf(message: ChatMessage, from = 0): ToolCallPart[] {
  const parts = message.parts ?? []
  const calls: ToolCallPart[] = []
  for (let i = from; i < parts.length; i++) {
    const part = parts[i]!
    if (part.type === 'tool-call') calls.push(part)
  }
  return calls
}

/** True when a call has no result yet (a result may be any value but undefined). */
export const isOpen = (call: ToolCallPart): boolean => !('result' in call)

/** The message with the result of its call `callId` set, or undefined when it has no such call. */
export function withToolResult(
  message: ChatMessage,
  callId: string,
  result: unknown,
): ChatMessage | undefined {
  const parts = message.parts
  const at = parts?.findIndex((part) => part.type === 'tool-call' && part.id === callId) ?? -1
  if (!parts || at === -1) return undefined
  const next = parts.slice()
  next[at] = { ...(parts[at] as ToolCallPart), result }
  return { ...message, parts: next }
}

/** `{ error: message }` for a tool that threw: the model reads the failure as its result. */
export function toolError(cause: unknown): { error: string } {
  return { error: cause instanceof Error ? cause.message : String(cause) }
}

/** The index of the message that has the tool call `callId`, or -1. */
export function indexOfToolCall(messages: readonly ChatMessage[], callId: string): number {
  return messages.findIndex((m) => toolCallsOf(m).some((call) => call.id === callId))
}
