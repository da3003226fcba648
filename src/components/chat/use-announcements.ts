import { useEffect, useRef, useState, type RefObject } from 'react'
import type { ChatMessage } from 'rivulet/core'
import { describeError } from './describe-error.ts'
import type { ChatLabels } from './labels.ts'

/** One announcement; `key` changes even when the text repeats, so it is read again. */
export interface Announcement {
  key: number
  text: string
}

function answerText(list: HTMLElement | null, message: ChatMessage): string {
  // What the reader sees (markdown rendered), not the markdown source with its `#` and `*`.
  // Found by comparing ids, not by a selector built from one: an id may hold any character.
  const item = Array.from(list?.querySelectorAll<HTMLElement>('[data-message-id]') ?? []).find(
    (element) => element.dataset.messageId === message.id,
  )
  const content = item?.querySelector('[data-slot="message-content"]')
  // The answer's text only: not its reasoning, tool calls or sources.
  const blocks = content?.querySelectorAll(':scope > [data-slot="streaming-markdown"]')
  const rendered = blocks?.length
    ? Array.from(blocks, (block) => block.textContent?.trim()).join('\n')
    : content?.textContent?.trim()
  return rendered || message.content.trim()
}

/**
 * What the conversation's polite live region says: each finished answer once (when it is
 * done, never token by token) and each error once. Answers already finished when the list
 * mounts are history, not news, and are not announced.
 */
export function useAnnouncements(
  messages: readonly ChatMessage[],
  labels: ChatLabels,
  list: RefObject<HTMLElement | null>,
): Announcement | undefined {
  const [announcement, setAnnouncement] = useState<Announcement>()
  const seen = useRef<WeakSet<object> | null>(null)
  const streamed = useRef(new Set<string>())
  const counter = useRef(0)

  useEffect(() => {
    let known = seen.current
    const first = known === null
    if (!known) known = seen.current = new WeakSet()
    let next: string | undefined
    for (const message of messages) {
      if (message.role !== 'assistant') continue
      if (message.status === 'streaming') {
        streamed.current.add(message.id)
        continue
      }
      if (message.status === 'done' && !known.has(message)) {
        known.add(message)
        const fresh = streamed.current.delete(message.id)
        if (!first || fresh) next = `${labels.answerFinished} ${answerText(list.current, message)}`
      } else if (message.status === 'error' && message.error && !known.has(message.error)) {
        known.add(message.error)
        streamed.current.delete(message.id)
        if (!first) next = describeError(message.error, labels)
      }
    }
    if (next !== undefined) {
      counter.current += 1
      const key = counter.current
      const text = next
      // Its own update after this commit (never lost to a re-render: `seen` already has it).
      queueMicrotask(() => setAnnouncement({ key, text }))
    }
  }, [messages, labels, list])

  return announcement
}
