const LF = 10
const CR = 13

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
  return {
    feed(text) {
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
    },
    get open() {
      return open
    },
  }
}
