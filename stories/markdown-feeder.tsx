import { useEffect, useState } from 'react'
import { StreamingMarkdown, type StreamingMarkdownProps } from 'rivulet/components'

/** Props of the story feeder: the whole answer, and how fast to reveal it. */
export interface MarkdownFeederProps extends Omit<StreamingMarkdownProps, 'streaming'> {
  /** Characters revealed per tick (a rough LLM token). */
  chunkSize?: number
  /** Milliseconds between ticks. */
  interval?: number
}

/**
 * Reveals `text` a few characters at a time on a timer, like a model streaming an answer,
 * so a story shows StreamingMarkdown mid-stream without any network.
 */
export function MarkdownFeeder({
  text,
  chunkSize = 4,
  interval = 16,
  ...props
}: MarkdownFeederProps) {
  const [shown, setShown] = useState(0)
  useEffect(() => {
    // Once everything is shown the updater returns the same number and React skips the render.
    const tick = () => setShown((count) => Math.min(text.length, count + chunkSize))
    const timer = setInterval(tick, interval)
    return () => clearInterval(timer)
  }, [text, chunkSize, interval])
  return (
    <StreamingMarkdown {...props} text={text.slice(0, shown)} streaming={shown < text.length} />
  )
}
