import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'

// Within this many px of the end counts as "at the bottom" (sub-pixel rounding, a last line).
const AT_BOTTOM = 24

// useLayoutEffect warns when rendered on the server; there is nothing to measure there anyway.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

function distanceToEnd(list: HTMLElement): number {
  return list.scrollHeight - list.scrollTop - list.clientHeight
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches
}

/** Whether the list follows new content, and how to bring it back to the latest. */
export interface FollowScroll {
  following: boolean
  /** Scroll to the end and follow again (smoothly unless the reader prefers reduced motion). */
  jumpToLatest(): void
  /** Follow again at once (a new question was asked). */
  follow(): void
  onScroll(): void
}

/**
 * Keeps a scrolling list at its end while the reader is there (`use-stick-to-bottom`'s idea):
 * growth of the content scrolls it down instantly, before paint, so a growing code block or
 * table never makes it jump; any scroll up by the reader stops following; reaching the end
 * again (or `jumpToLatest`) resumes it.
 */
export function useFollowScroll(): FollowScroll & {
  list: { current: HTMLDivElement | null }
  content: { current: HTMLDivElement | null }
} {
  const list = useRef<HTMLDivElement | null>(null)
  const content = useRef<HTMLDivElement | null>(null)
  const [following, setFollowing] = useState(true)
  const followingRef = useRef(true)
  const lastTop = useRef(0)

  const setFollow = useCallback((value: boolean) => {
    followingRef.current = value
    setFollowing(value)
  }, [])

  const toEnd = useCallback((behavior: ScrollBehavior) => {
    const element = list.current
    if (!element) return
    if (behavior === 'smooth' && typeof element.scrollTo === 'function') {
      const from = element.scrollTop
      element.scrollTo({ top: element.scrollHeight, behavior })
      // A page that is not being painted (a background tab or frame) never animates the
      // scroll: if it has not moved shortly after, go there at once.
      setTimeout(() => {
        if (element.scrollTop === from && distanceToEnd(element) > AT_BOTTOM) {
          element.scrollTop = element.scrollHeight
        }
      }, 150)
    } else {
      element.scrollTop = element.scrollHeight
    }
    lastTop.current = element.scrollTop
  }, [])

  useIsomorphicLayoutEffect(() => {
    const element = list.current
    const inner = content.current
    if (!element || !inner || typeof ResizeObserver === 'undefined') return
    toEnd('instant')
    const observer = new ResizeObserver(() => {
      if (!followingRef.current) return
      // The reader moved up since the list was last put at its end, and the scroll event has
      // not been handled yet: that is a scroll away, not a position to correct.
      if (element.scrollTop < lastTop.current - 1 && distanceToEnd(element) > AT_BOTTOM) {
        lastTop.current = element.scrollTop
        setFollow(false)
        return
      }
      toEnd('instant')
    })
    // A wheel turned up is the reader's intent to read back, even before anything scrolled.
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0 && followingRef.current && element.scrollTop > 0) setFollow(false)
    }
    observer.observe(inner)
    observer.observe(element)
    element.addEventListener('wheel', onWheel, { passive: true })
    return () => {
      observer.disconnect()
      element.removeEventListener('wheel', onWheel)
    }
  }, [toEnd, setFollow])

  const onScroll = useCallback(() => {
    const element = list.current
    if (!element) return
    const top = element.scrollTop
    if (distanceToEnd(element) <= AT_BOTTOM) {
      if (!followingRef.current) setFollow(true)
    } else if (top < lastTop.current - 1 && followingRef.current) {
      // Moving up, away from the end: the reader wants to read; stop following at once.
      setFollow(false)
    }
    lastTop.current = top
  }, [setFollow])

  const jumpToLatest = useCallback(() => {
    setFollow(true)
    toEnd(prefersReducedMotion() ? 'instant' : 'smooth')
  }, [setFollow, toEnd])

  const follow = useCallback(() => {
    setFollow(true)
    toEnd('instant')
  }, [setFollow, toEnd])

  return { following, jumpToLatest, follow, onScroll, list, content }
}
