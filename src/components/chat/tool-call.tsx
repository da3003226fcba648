import { forwardRef, useCallback, type ComponentPropsWithoutRef } from 'react'
import type { ToolCallPart } from 'rivulet/core'
import { useChatContext } from './chat-context.ts'
import { ToolIcon } from './icons.tsx'
import { useOptionalMessage } from './message-context.ts'
import { toolCallStatus, type ToolCallRender } from './tool-call-status.ts'

/** Props of {@link ToolCall}. */
export interface ToolCallProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'part'> {
  /** The tool-call part of a message. */
  part: ToolCallPart
  /**
   * What the call shows besides name, arguments and result, such as a confirm button that
   * calls `addResult`. Default: the `Chat`'s `tools[part.name]`.
   */
  render?: ToolCallRender
}

/** Pretty JSON of a value; a string is shown as it is. */
function show(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * One tool call (`data-slot="tool-call"`, `data-status="streaming|waiting|done|error"`,
 * `data-tool` = its name): the tool's name, its arguments filling in as they stream (pretty
 * JSON of the partial arguments), its status, and its result once it has one. A render
 * function (`render`, or the `Chat`'s `tools`) adds what the app wants, such as a confirm
 * button that gives the result with `addResult`.
 */
export const ToolCall = /* @__PURE__ */ forwardRef<HTMLDivElement, ToolCallProps>(function ToolCall(
  { part, render, ...rest },
  ref,
) {
  const { chat, labels, tools } = useChatContext('ToolCall')
  const message = useOptionalMessage()?.message
  const status = toolCallStatus(part, message)
  const { addToolResult } = chat
  const addResult = useCallback(
    (result: unknown) => addToolResult(part.id, result),
    [addToolResult, part.id],
  )
  const extra = (render ?? tools?.[part.name])?.({ call: part, status, addResult })
  const args = part.args !== undefined ? show(part.args) : part.argsText
  return (
    <div
      data-slot="tool-call"
      data-status={status}
      data-tool={part.name}
      role="group"
      aria-label={labels.toolCall(part.name)}
      aria-busy={status === 'streaming' || undefined}
      {...rest}
      ref={ref}
    >
      <div data-slot="tool-call-header">
        <ToolIcon />
        <span data-slot="tool-call-name">{part.name}</span>
        <span data-slot="tool-call-status" data-status={status}>
          {status === 'streaming' ? <span data-slot="spinner" aria-hidden="true" /> : null}
          {labels.toolStatus[status]}
        </span>
      </div>
      {args !== '' ? (
        <div data-slot="tool-call-section">
          <span data-slot="tool-call-label">{labels.toolArguments}</span>
          <pre data-slot="tool-call-args">
            <code>{args}</code>
          </pre>
        </div>
      ) : null}
      {'result' in part ? (
        <div data-slot="tool-call-section">
          <span data-slot="tool-call-label">{labels.toolResult}</span>
          <pre data-slot="tool-call-result">
            <code>{show(part.result)}</code>
          </pre>
        </div>
      ) : null}
      {extra != null && extra !== false ? <div data-slot="tool-call-action">{extra}</div> : null}
    </div>
  )
})
