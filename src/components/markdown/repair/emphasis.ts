import {
  isCjk,
  isPunct,
  isSpace,
  isWordChar,
  lastInlineStart,
  maskCodeSpans,
  openFence,
  trailingRun,
} from './scan.ts'

/**
 * Closers for unclosed `*`, `_` and `~` delimiter runs, using CommonMark's flanking rules. An
 * opener must not follow a letter or digit: intraword `a*b`, `snake_case` and CJK text with
 * a stray star are left alone, since there a star is far more often literal.
 */
function unclosedDelimiters(segment: string, chars: string): string {
  const stack: { char: string; length: number }[] = []
  const runs = /(\*+|_+|~+)/g
  for (let match = runs.exec(segment); match; match = runs.exec(segment)) {
    const run = match[0]
    const char = run[0] ?? ''
    if (!chars.includes(char)) continue
    const before = segment[match.index - 1]
    const after = segment[match.index + run.length]
    const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before))
    const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after))
    let remaining = run.length
    if (right) {
      for (let i = stack.length - 1; i >= 0 && remaining > 0; i--) {
        const opener = stack[i]
        if (!opener || opener.char !== char) continue
        const used = Math.min(opener.length, remaining)
        opener.length -= used
        remaining -= used
        if (opener.length === 0) stack.splice(i, 1)
        break
      }
    }
    // After CJK a doubled `**` / `~~` opens (strong, strikethrough); a single `*` there stays
    // literal, as a stray star in CJK prose is as likely as emphasis.
    const cjkOpener = char !== '_' && run.length >= 2 && isCjk(before)
    const wordBefore = isWordChar(before) && !cjkOpener
    if (remaining > 0 && left && !wordBefore && !(char === '~' && remaining > 2)) {
      stack.push({ char, length: char === '~' ? 2 : Math.min(remaining, 3) })
    }
  }
  return stack
    .reverse()
    .map((opener) => opener.char.repeat(opener.length))
    .join('')
}

function delimiterHandler(chars: string) {
  return (text: string): string => {
    if (openFence(text)) return text
    // `**bold ` cannot be closed after the space (a closer must follow a non-space), so the
    // closer goes before trailing spaces and tabs: `**bold** `.
    const body = text.slice(0, text.length - trailingRun(text, ' \t'))
    const { masked, open } = maskCodeSpans(body.slice(lastInlineStart(body)))
    if (open) return text
    const closers = unclosedDelimiters(masked, chars)
    return closers ? body + closers + text.slice(body.length) : text
  }
}

/** Unclosed `**strong**` / `*emphasis*` (and `***both***`) get their closers. */
export const closeAsteriskEmphasis = delimiterHandler('*')
/** Unclosed `__strong__` / `_emphasis_` at a word boundary get their closers. */
export const closeUnderscoreEmphasis = delimiterHandler('_')
/** Unclosed `~~strikethrough~~` gets its closer. */
export const closeStrikethrough = delimiterHandler('~')

/** A half-typed marker at the very end (`Hello **`, a lone `` ` ``) is hidden until it means something. */
export function hideTrailingMarker(text: string): string {
  if (openFence(text)) return text
  const match =
    /(^|[ \t\n])([*_~]{1,3}|`{1,2})$/.exec(text) ??
    // After CJK text (no spaces between words) a trailing star, `~~` or backtick is a marker
    // being typed.
    /(\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul})(\*{1,3}|~{2,3}|`{1,2})$/u.exec(
      text,
    )
  if (!match) return text
  return text.slice(0, text.length - (match[2]?.length ?? 0))
}
