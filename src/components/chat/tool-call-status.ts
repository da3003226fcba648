import type { ReactNode } from 'react'
import type { ChatMessage, ToolCallPart } from 'rivulet/core'

/**
 * Where a tool call stands: its arguments are `streaming`, it is complete and `waiting` for a
 * result, it is `done`, or it failed (`error`: the result is `{ error }`, or the answer ended
 * before the arguments did).
 */
export type ToolCallStatus = 'streaming' | 'waiting' | 'done' | 'error'

/** What a tool's render function gets (see `Chat`'s `tools` and `ToolCall`'s `render`). */
export interface ToolCallRenderProps {
  call: ToolCallPart
  status: ToolCallStatus
  /** Gives the call its result (`addToolResult`); once every call has one, the answer continues. */
  addResult(result: unknown): void
}

/** Renders what a tool call shows besides its name, arguments and result (a confirm button…). */
export type ToolCallRender = (props: ToolCallRenderProps) => ReactNode

const isErrorResult = (result: unknown) =>
  typeof result === 'object' && result !== null && 'error' in result

/** The status of `call`, in the message that holds it (when known). */
export function toolCallStatus(call: ToolCallPart, message?: ChatMessage): ToolCallStatus {
  if ('result' in call) return isErrorResult(call.result) ? 'error' : 'done'
  if (call.status === 'complete') return 'waiting'
  if (message && message.status !== 'streaming') return 'error'
  return 'streaming'
}
