import type { ReactNode } from 'react'
import type { ChatMessage, MessagePart } from 'rivulet/core'
import { StreamingMarkdown } from '../streaming-markdown.tsx'
import type { ChatMarkdownOptions } from './chat-context.ts'
import { Reasoning } from './reasoning.tsx'
import { Sources } from './sources.tsx'
import { ToolCall } from './tool-call.tsx'

/** True when an answer has parts besides its text (reasoning, tool calls, sources). */
export function hasRichParts(message: ChatMessage): boolean {
  return (
    message.role === 'assistant' &&
    (message.parts?.some((part) => part.type !== 'text' && part.type !== 'step-start') ?? false)
  )
}

type Item = { key: number; part: MessagePart } | { key: number; text: string }

/**
 * The answer's parts in arrival order: reasoning and tool calls where they came, the text
 * between them as markdown. Sources never split the text (Anthropic cites in mid-sentence):
 * they are listed once, after everything else.
 */
function itemsOf(parts: readonly MessagePart[]): Item[] {
  const items: Item[] = []
  let step = false
  parts.forEach((part, key) => {
    if (part.type === 'source') return
    if (part.type === 'step-start') {
      step = true
      return
    }
    const last = items[items.length - 1]
    if (part.type === 'text' && last && 'text' in last) {
      last.text += (step ? '\n\n' : '') + part.text
    } else if (part.type === 'text') {
      items.push({ key, text: part.text })
    } else {
      items.push({ key, part })
    }
    step = false
  })
  return items
}

/** Renders `message`'s parts for `MessageContent` (see {@link itemsOf}). */
export function MessageParts({
  message,
  markdown,
}: {
  message: ChatMessage
  markdown: ChatMarkdownOptions | undefined
}): ReactNode {
  const streaming = message.status === 'streaming'
  const items = itemsOf(message.parts ?? [])
  return (
    <>
      {items.map((item, index) => {
        if ('text' in item) {
          return (
            <StreamingMarkdown
              key={item.key}
              {...markdown}
              text={item.text}
              streaming={streaming && index === items.length - 1}
            />
          )
        }
        const { part } = item
        if (part.type === 'reasoning') return <Reasoning key={item.key} part={part} />
        if (part.type === 'tool-call') return <ToolCall key={item.key} part={part} />
        return null
      })}
      <Sources />
    </>
  )
}
