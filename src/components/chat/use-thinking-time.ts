import { useEffect, useState } from 'react'

/**
 * How long the model thought, in whole seconds: from the moment this part was first seen
 * thinking (its first reasoning delta) to the moment it stopped (the first part after it, or
 * the answer's end). Undefined when it was never seen thinking: an answer from history.
 */
export function useThinkingTime(thinking: boolean): number | undefined {
  const [start, setStart] = useState(() => (thinking ? Date.now() : undefined))
  const [seconds, setSeconds] = useState<number>()
  useEffect(() => {
    if (thinking) {
      // Thinking began after mount (a `thinking` prop turned on): measure from now.
      if (start === undefined) queueMicrotask(() => setStart(Date.now()))
      return
    }
    if (start === undefined || seconds !== undefined) return
    const elapsed = Math.round((Date.now() - start) / 1000)
    queueMicrotask(() => setSeconds(elapsed))
  }, [thinking, start, seconds])
  return seconds
}
