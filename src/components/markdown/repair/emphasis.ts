import { BREAK_LINE } from './blocks.ts'
import {
  isCjk,
  isPunct,
  isSpace,
  isWordChar,
  lastInlineStart,
  maskCodeSpans,
  maskEscapes,
  openFence,
  trailingRun,
} from './scan.ts'

interface Opener {
  readonly char: string
  length: number
}

// A raw HTML tag (shown as text, but its attributes are not prose): `<a href="x" target="_blank">`
// or one still being typed. Its `_` and `*` never open emphasis.
const TAG =
  /<\/?[A-Za-z][\w-]*(?:[ \t]+[\w:.-]+(?:[ \t]*=[ \t]*(?:"[^"\n]*"?|'[^'\n]*'?|[^\s"'<>=`]*))?)*[ \t]*\/?(?:>|$)/y
// After these an opener would wrap nothing: `x^{*}`, `(*)`, `[_]`.
const CLOSING_BRACKET = /[)\]}>]/

/**
 * The `*`, `_` and `~~` delimiter runs still open at the end of `segment`, innermost last,
 * using CommonMark's flanking rules in one pass (amortized linear: a closer removes the openers
 * it skips, as CommonMark's "process emphasis" does). An opener must not follow a letter or
 * digit (intraword `a*b` and `snake_case` stay literal), must not be followed by a closing
 * bracket, and never sits inside a raw HTML tag.
 */
export function openDelimiters(segment: string): Opener[] {
  const stack: Opener[] = []
  const counts: Record<string, number> = { '*': 0, _: 0, '~': 0 }
  for (let i = 0; i < segment.length;) {
    const char = segment[i] as string
    if (char === '<') {
      TAG.lastIndex = i
      const tag = TAG.exec(segment)
      i = tag ? i + Math.max(tag[0].length, 1) : i + 1
      continue
    }
    if (char !== '*' && char !== '_' && char !== '~') {
      i++
      continue
    }
    let end = i + 1
    while (segment[end] === char) end++
    const run = end - i
    const before = segment[i - 1]
    const after = segment[end]
    i = end
    const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before))
    const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after))
    // `_` may not open or close inside a word (CommonMark rules 2 and 4).
    const canOpen = char === '_' ? left && (!right || isPunct(before)) : left
    const canClose = char === '_' ? right && (!left || isPunct(after)) : right
    if (char === '~' && run !== 2 && run !== 3) continue
    let remaining = run
    if (canClose && (counts[char] ?? 0) > 0) {
      // The nearest opener of the same kind; the ones above it can no longer close.
      while (stack.length > 0 && remaining > 0) {
        const opener = stack.pop() as Opener
        counts[opener.char] = (counts[opener.char] ?? 0) - 1
        if (opener.char !== char) continue
        const used = Math.min(opener.length, remaining)
        opener.length -= used
        remaining -= used
        if (opener.length > 0) {
          stack.push(opener)
          counts[char] = (counts[char] ?? 0) + 1
        }
        break
      }
    }
    // After CJK a doubled `**` / `~~` opens (strong, strikethrough); a single `*` there stays
    // literal, as a stray star in CJK prose is as likely as emphasis.
    const cjkOpener = char !== '_' && run >= 2 && isCjk(before)
    const wordBefore = isWordChar(before) && !cjkOpener
    if (remaining > 0 && canOpen && !wordBefore && !CLOSING_BRACKET.test(after ?? '')) {
      stack.push({ char, length: char === '~' ? 2 : Math.min(remaining, 3) })
      counts[char] = (counts[char] ?? 0) + 1
    }
  }
  return stack
}

/**
 * Unclosed `**strong**`, `*emphasis*`, `_emphasis_` and `~~strikethrough~~` get their closers,
 * innermost first (`~~a **b` → `~~a **b**~~`). They go before trailing spaces, tabs and a
 * trailing line break, as a closer must follow a non-space: `**bold ` → `**bold** `.
 */
export function closeEmphasis(text: string): string {
  if (openFence(text)) return text
  const body = text.slice(0, text.length - trailingRun(text, ' \t\n'))
  // A blank line ends the paragraph: nothing before it is still open.
  if (text.slice(body.length).includes('\n\n')) return text
  const { masked, open } = maskCodeSpans(body.slice(lastInlineStart(body)))
  if (open) return text
  const stack = openDelimiters(maskEscapes(masked))
  if (stack.length === 0) return text
  let closers = ''
  for (let i = stack.length - 1; i >= 0; i--) {
    const opener = stack[i] as Opener
    closers += opener.char.repeat(opener.length)
  }
  return body + closers + text.slice(body.length)
}

/**
 * A half-typed marker at the very end is hidden until it means something: a run of `*`, `_`
 * or `~` (an opener, or a closer still arriving: `**bold*`), a backtick after a space, a
 * backslash that will escape the next character, or the `!` of an image.
 */
export function hideTrailingMarker(text: string): string {
  if (openFence(text)) return text
  // A thematic break (`* * *`) is whole: its last star is not a marker being typed.
  const line = text.slice(text.lastIndexOf('\n') + 1)
  if (BREAK_LINE.test(line) && /[ \t]/.test(line.trim())) return text
  const match =
    /([*_~]{1,3})$/.exec(text) ??
    /(?:^|[ \t\n])(`{1,2}|!)$/.exec(text) ??
    // After CJK text (no spaces between words) a trailing backtick is a marker being typed.
    /(?:\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul})(`{1,2})$/u.exec(
      text,
    )
  const marker = match?.[1]?.length ?? 0
  // An escaped marker (`\\*`) is a literal character, not a marker being typed.
  const escaped = trailingRun(text.slice(0, text.length - marker), '\\') % 2 === 1
  if (marker > 0) return escaped ? text : text.slice(0, text.length - marker)
  // An odd number of trailing backslashes: the last one escapes what comes next.
  return trailingRun(text, '\\') % 2 === 1 ? text.slice(0, -1) : text
}
