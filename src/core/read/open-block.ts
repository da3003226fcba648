const LF = 10
const CR = 13
const isLineEnd = (c: number) => c === LF || c === CR

/** Tells whether an event stream's text so far ends inside an event block. */
export interface OpenBlockTracker {
  /** The next decoded text of the stream, in order. */
  feed(text: string): void
  /** True when bytes followed the last blank line: a block was begun and never ended. */
  readonly open: boolean
}

/**
 * Follows the line structure of an event stream (CR, LF and CRLF end a line, also split over
 * feeds) to know whether it stopped inside a block. The WHATWG algorithm silently discards
 * such a block, so the parser cannot say; for a body that should end cleanly it means the
 * connection was cut.
 */
export function createOpenBlockTracker(): OpenBlockTracker {
  let open = false
  // At the start of a line: nothing fed yet, or the last character ended a line.
  let lineStart = true
  // The last character was a CR, so an LF right after it belongs to the same line end.
  let afterCR = false
  // Character by character: the state after `text`, from the state before it.
  const scan = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === LF && afterCR) {
        afterCR = false
      } else if (c === LF || c === CR) {
        // An empty line ends the block.
        if (lineStart) open = false
        lineStart = true
        afterCR = c === CR
      } else {
        open = true
        lineStart = false
        afterCR = false
      }
    }
  }
  return {
    // Only the end of the text decides (the parser reads every character already): a last
    // line with content leaves a block open; a run of line ends closes it when it holds an
    // empty line, i.e. two line ends (CRLF counts once) after that content.
    feed(text) {
      const last = text.length - 1
      if (last < 0) return
      const end = text.charCodeAt(last)
      if (end !== LF && end !== CR) {
        open = true
        lineStart = false
        afterCR = false
        return
      }
      let start = last
      while (start > 0 && isLineEnd(text.charCodeAt(start - 1))) start--
      // Nothing but line ends: how they count depends on the state before them.
      if (start === 0) return scan(text)
      let ends = 0
      for (let i = start; i <= last; i++) {
        if (!(text.charCodeAt(i) === LF && i > start && text.charCodeAt(i - 1) === CR)) ends++
      }
      open = ends < 2
      lineStart = true
      afterCR = end === CR
    },
    get open() {
      return open
    },
  }
}
