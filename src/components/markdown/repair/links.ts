import { lastInlineStart, maskCodeSpans, maskEscapes, openFence } from './scan.ts'

/**
 * A link or image whose destination is still arriving, `[text](https://exa`, becomes
 * `[text]()`: the text shows at once, and no request goes to a half-written URL.
 */
export function closeLinkDestination(text: string): string {
  if (openFence(text)) return text
  const start = lastInlineStart(text)
  const { masked, open } = maskCodeSpans(text.slice(start))
  if (open) return text
  // The first `](` whose destination is still open: a `)` inside balanced parentheses
  // (`Foo_(bar)`) or inside a title does not close the link yet.
  for (let at = masked.indexOf(']('); at !== -1; at = masked.indexOf('](', at + 1)) {
    const rest = masked.slice(at + 2)
    if (!masked.slice(0, at).includes('[') || rest.includes('\n') || !destinationIsOpen(rest))
      continue
    return text.slice(0, start + at + 1) + '()'
  }
  return text
}

/** Whether the text after a link's `](` has not yet reached the `)` that closes the link. */
function destinationIsOpen(rest: string): boolean {
  let i = 0
  if (rest.startsWith('<')) {
    const end = rest.indexOf('>')
    if (end === -1) return true
    i = end + 1
  }
  let depth = 0
  let closer: string | undefined // the end of a title being read: `"`, `'` or `)`
  for (; i < rest.length; i++) {
    const c = rest[i]
    if (c === '\\') {
      i++
      continue
    }
    if (closer) {
      if (c === closer) closer = undefined
      continue
    }
    const afterSpace = /[ \t]/.test(rest[i - 1] ?? '')
    if (depth === 0 && afterSpace && (c === '"' || c === "'" || c === '(')) {
      closer = c === '(' ? ')' : c
    } else if (c === '(') depth++
    else if (c === ')') {
      if (depth === 0) return false
      depth--
    }
  }
  return true
}

/** The brackets of the last line of `masked`: the outermost `[` still open, and the last outermost pair closed. */
function brackets(masked: string) {
  const lineStart = masked.lastIndexOf('\n') + 1
  const stack: number[] = []
  let closed: { open: number; close: number } | undefined
  for (let i = lineStart; i < masked.length; i++) {
    const c = masked[i]
    if (c === '[') stack.push(i)
    else if (c === ']' && stack.length > 0) {
      const open = stack.pop() as number
      // A pair right after another is its reference label (`[docs][ref]`): it belongs to it.
      if (stack.length === 0 && !(closed && closed.close === open - 1)) closed = { open, close: i }
    }
  }
  return { outerOpen: stack[0], closed }
}

/** Where a link or image starting at the `[` at `at` starts (its `!`), if it can start there. */
function linkStart(masked: string, at: number, after: RegExp): number | undefined {
  const image = masked[at - 1] === '!'
  const before = masked[image ? at - 2 : at - 1]
  if (masked[at + 1] === '^') return undefined // a footnote reference
  return before === undefined || after.test(before) ? at - (image ? 1 : 0) : undefined
}

/**
 * A link or image whose text is still arriving, `see [the do`, hides its `[` for now. Only the
 * outermost open bracket is hidden: brackets inside link text (`[a [b] c](u)`) are text.
 */
export function hideOpenBracket(text: string): string {
  if (openFence(text)) return text
  const start = lastInlineStart(text)
  const { masked, open } = maskCodeSpans(text.slice(start))
  if (open) return text
  const cleaned = maskEscapes(masked)
  const { outerOpen } = brackets(cleaned)
  if (outerOpen === undefined) return text
  const from = linkStart(cleaned, outerOpen, /[\s(]/)
  if (from === undefined) return text
  return text.slice(0, start + from) + text.slice(start + outerOpen + 1)
}

/**
 * A bracket that has just closed at the very end, `[docs]` (or `[docs][re`), hides its brackets
 * until the next character says what it is: `(` makes it a link, anything else leaves it as
 * written. A task marker just typed at the start of a list item (`- [x]`) is hidden whole, as
 * it becomes a checkbox once the task's text starts.
 */
export function hideClosedBracket(text: string): string {
  if (openFence(text)) return text
  const start = lastInlineStart(text)
  const { masked, open } = maskCodeSpans(text.slice(start))
  if (open) return text
  if (start > 0 && /^\[[ xX]\][ \t]*$/.test(masked) && /[-+*.)][ \t]+$/.test(text.slice(0, start)))
    return text.slice(0, start)
  // A definition whose destination has not started (`[r]:`) is not text to show.
  const definition = /(?:^|\n)[ ]{0,3}\[[^\]\n]+\]:[ \t]*$/.exec(masked)
  if (definition) return text.slice(0, start + definition.index)
  const cleaned = maskEscapes(masked)
  const { closed } = brackets(cleaned)
  if (!closed) return text
  // After the pair: nothing, or a reference label being typed (`[docs][re`, `[docs][ref]`).
  const rest = cleaned.slice(closed.close + 1)
  if (rest !== '' && !/^\[[^\]\n[]*\]?$/.test(rest)) return text
  const from = linkStart(cleaned, closed.open, /[^\]]/)
  if (from === undefined) return text
  return text.slice(0, start + from) + text.slice(start + closed.open + 1, start + closed.close)
}

/**
 * An autolink still arriving, `<https://exa` or `<me@exa`, hides its `<` until the `>` comes:
 * the rest is linkified (or plain text) meanwhile, never shown behind a raw `<`.
 */
export function hideOpenAutolink(text: string): string {
  if (openFence(text)) return text
  const start = lastInlineStart(text)
  const { masked, open } = maskCodeSpans(text.slice(start))
  if (open) return text
  const match =
    /(^|[^\\])<(?:[a-z][a-z0-9+.-]{1,31}:|[^\s<>@]+@)[^\s<>]*$/i.exec(masked) ??
    // The scheme itself still arriving: only a prefix of the schemes links use, so a raw tag
    // being written (`<div`) is not hidden.
    /(^|[^\\])<(?:h|ht|htt|http|https|m|ma|mai|mail|mailt|mailto)$/i.exec(masked)
  if (!match) return text
  const at = start + match.index + (match[1]?.length ?? 0)
  return text.slice(0, at) + text.slice(at + 1)
}
