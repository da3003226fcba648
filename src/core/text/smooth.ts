/** Options of `smooth`: text is released at a steady pace instead of in network bursts. */
export interface SmoothOptions {
  /** Release whole words (with their trailing space) or single characters. @defaultValue 'word' */
  chunking?: 'word' | 'char'
  /** ms between two releases. @defaultValue 20 */
  delay?: number
  /**
   * Upper bound, in ms, on how long received text is held back. When text arrives faster than
   * one chunk per `delay`, more is released per step so the lag stays under this bound.
   * @defaultValue 400
   */
  maxLag?: number
}

/** A running smoother for one stream. */
export interface Smoother {
  push(text: string): void
  /** Everything still held back, now; stops the clock. */
  flush(): string
  /** Text waiting to be released. */
  readonly pending: number
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c)
// Chinese and Japanese put no spaces between words: each ideograph or kana is a chunk of its
// own, or word chunking would hold such text back until it is overdue.
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const isUnspaced = (c: string | undefined) => c !== undefined && unspaced.test(c)

/**
 * Smallest e ≥ from that ends a word and its trailing whitespace; -1 if the word is open. A
 * word also ends before and after a character of a script written without spaces.
 */
function wordEnd(s: string, from: number): number {
  for (let e = Math.max(from, 1); e <= s.length; e++) {
    const before = s[e - 1]
    if (e === s.length) return isSpace(before) || isUnspaced(before) ? e : -1
    const after = s[e]
    if (isSpace(after)) continue // trailing whitespace goes with its word
    if (isSpace(before) || isUnspaced(before) || isUnspaced(after)) return e
  }
  return -1
}

/**
 * Releases pushed text through `release` in word or character chunks every `delay` ms. The
 * amount per step grows with the backlog (a `delay / maxLag` share of it), and any text older
 * than `maxLag - delay` goes out at the next step, so nothing waits longer than `maxLag`.
 * Uses the global `setTimeout` at call time, so fake timers drive it in tests.
 */
export function createSmoother(options: SmoothOptions, release: (text: string) => void): Smoother {
  const chunking = options.chunking ?? 'word'
  const delay = Math.max(1, options.delay ?? 20)
  const maxLag = Math.max(delay, options.maxLag ?? 400)
  let pending = ''
  let released = 0 // absolute offset of pending[0]
  let arrivals: { end: number; at: number }[] = []
  let timer: ReturnType<typeof setTimeout> | undefined

  const step = () => {
    timer = undefined
    if (!pending) return
    const now = Date.now()
    let mandatoryEnd = released
    while (arrivals.length && arrivals[0]!.at <= now - (maxLag - delay)) {
      mandatoryEnd = arrivals.shift()!.end
    }
    const mandatory = mandatoryEnd - released
    let end = Math.max(mandatory, Math.ceil((pending.length * delay) / maxLag), 1)
    if (end >= pending.length) end = pending.length
    else if (chunking === 'word') {
      const e = wordEnd(pending, end)
      end = e !== -1 ? e : mandatory > 0 ? end : 0
    } else if (/[\uD800-\uDBFF]/.test(pending[end - 1] ?? '')) {
      end++ // never split a surrogate pair
    }
    if (end > 0) {
      const out = pending.slice(0, end)
      pending = pending.slice(end)
      released += end
      arrivals = arrivals.filter((a) => a.end > released)
      release(out)
    }
    // After a release the clock keeps running for one step even with nothing left, so text
    // arriving within `delay` waits for that step: at most one release per `delay`, whatever
    // the network's rhythm (else every token would show on arrival, one change per token).
    if (pending || end > 0) timer = setTimeout(step, delay)
  }

  return {
    push(text) {
      if (!text) return
      pending += text
      arrivals.push({ end: released + pending.length, at: Date.now() })
      if (timer === undefined) step()
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      const out = pending
      released += pending.length
      pending = ''
      arrivals = []
      return out
    },
    get pending() {
      return pending.length
    },
  }
}
