// Scanning helpers the repair handlers share: where a fence is open, where the last run of
// inline content starts, where code spans are, and what kind of character sits by a marker.

// Container markers (quotes, list items) before a fence; each repetition needs a marker, so
// there is no nested-quantifier backtracking on long runs of spaces.
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/
const FENCE = /^(`{3,}|~{3,})(.*)$/
export const lines = (text: string) => text.split('\n')

/** The fence (marker char and length) still open at the end of `text`, if any. */
export function openFence(text: string): { char: string; length: number } | undefined {
  let open: { char: string; length: number } | undefined
  for (const line of lines(text)) {
    const match = FENCE.exec(line.replace(CONTAINER_PREFIX, ''))
    if (!open) {
      if (match?.[1] && !(match[1][0] === '`' && match[2]?.includes('`'))) {
        open = { char: match[1][0] ?? '`', length: match[1].length }
      }
      continue
    }
    const trimmed = line.trim().replace(/^(?:>[ \t]?)+/, '')
    if (trimmed.length >= open.length && /^([`~])\1*$/.test(trimmed) && trimmed[0] === open.char) {
      open = undefined
    }
  }
  return open
}

/**
 * Where the last run of inline content starts: after the last blank line or block marker.
 * Text that ends with a line break yields an empty run, so nothing is closed: repairs apply
 * to the line being written. That is what keeps a finished document (which ends with a
 * newline) rendering the same while it is still flagged as streaming; the price is that an
 * emphasis spanning lines shows its opener for the one update that ends on the line break.
 */
export function lastInlineStart(text: string): number {
  let start = 0
  let offset = 0
  for (const line of lines(text)) {
    if (line.trim() === '') start = offset + line.length + 1
    else {
      const marker = /^[ \t]*(?:(?:>[ \t]?)+|[-+*][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+|\|)+/.exec(
        line,
      )
      if (marker) start = offset + marker[0].length
    }
    offset += line.length + 1
  }
  return Math.min(start, text.length)
}

/** `text` with code span contents replaced by spaces, and the unclosed backtick run if any. */
export function maskCodeSpans(text: string): { masked: string; open: number; openAt: number } {
  let masked = ''
  let open = 0
  let openAt = 0
  const runs = /`+/g
  let last = 0
  for (let match = runs.exec(text); match; match = runs.exec(text)) {
    const run = match[0].length
    if (open === 0) {
      masked += text.slice(last, match.index)
      open = run
      openAt = match.index
    } else if (run === open) {
      masked += ' '.repeat(match.index + run - openAt)
      open = 0
    } else continue
    last = match.index + run
  }
  masked += open ? ' '.repeat(text.length - openAt) : text.slice(last)
  return { masked, open, openAt }
}

export const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c)
export const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c)
export const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c)
// CJK text has no spaces between words, so `**` right after a CJK character is the normal
// way to open strong emphasis there (`这是**重要**的`), not an intraword literal.
export const isCjk = (c: string | undefined) =>
  c !== undefined &&
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(c)

/** How many times `char` repeats at the end of `text` (a loop: a `/x+$/` regex is quadratic on long inner runs). */
export function trailingRun(text: string, chars: string): number {
  let at = text.length
  while (at > 0 && chars.includes(text[at - 1] as string)) at--
  return text.length - at
}

// ASCII punctuation: what a backslash escapes (CommonMark).
const ESCAPABLE = /[!-/:-@[-`{-~]/

/**
 * `text` with each backslash-escaped punctuation character replaced by `.`: still punctuation
 * for the flanking rules, but no longer a marker (`\\*` is a literal star, not an opener).
 */
export function maskEscapes(text: string): string {
  if (!text.includes('\\')) return text
  let out = ''
  let last = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\' || !ESCAPABLE.test(text[i + 1] ?? '')) continue
    out += text.slice(last, i + 1) + '.'
    last = i + 2
    i++
  }
  return out + text.slice(last)
}
