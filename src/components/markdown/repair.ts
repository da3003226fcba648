/**
 * Incomplete-markdown repair for the open tail of a stream (the remend idea): small pure
 * `(text) => text` handlers, one per syntax, run in an explicit priority order. They only ever
 * add closing markers or hide a half-typed marker at the very end — never new content, so a
 * repair cannot make output unsafe (URLs still go through the URL policy).
 *
 * A handler that *appends* a closer is kept only if the parser consumes it (see
 * `repairTail`): an appended `*` that would show up as a literal star is dropped, which is
 * how `2 * 3`, `snake_case` and a lone backtick in prose stay untouched (the remend bugs).
 */
export interface RepairHandler {
  readonly name: string
  /** Lower runs first. */
  readonly priority: number
  /**
   * Appends closers — at the end, or just before trailing spaces — (checked by the caller), or
   * only trims the end (kept as is).
   */
  readonly kind: 'append' | 'trim'
  readonly handle: (text: string) => string
}

// Container markers (quotes, list items) before a fence; each repetition needs a marker, so
// there is no nested-quantifier backtracking on long runs of spaces.
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/
const FENCE = /^(`{3,}|~{3,})(.*)$/
const lines = (text: string) => text.split('\n')

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

/** Inside an open fence, a last line that is only the start of the closing fence is hidden. */
export function hidePartialFenceClose(text: string): string {
  const fence = openFence(text)
  if (!fence) return text
  const lastBreak = text.lastIndexOf('\n')
  const last = text.slice(lastBreak + 1).trim()
  if (
    last.length > 0 &&
    last.length < fence.length + 1 &&
    [...last].every((c) => c === fence.char)
  ) {
    return text.slice(0, lastBreak + 1)
  }
  return text
}

/**
 * Where the last run of inline content starts: after the last blank line or block marker.
 * Text that ends with a line break yields an empty run, so nothing is closed: repairs apply
 * to the line being written. That is what keeps a finished document (which ends with a
 * newline) rendering the same while it is still flagged as streaming; the price is that an
 * emphasis spanning lines shows its opener for the one update that ends on the line break.
 */
function lastInlineStart(text: string): number {
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
function maskCodeSpans(text: string): { masked: string; open: number; openAt: number } {
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

/** An unclosed code span at the end gets its closing backticks. */
export function closeCodeSpan(text: string): string {
  if (openFence(text)) return text
  const segment = text.slice(lastInlineStart(text))
  const { open, openAt } = maskCodeSpans(segment)
  // `` ` `` followed by a space is far more often a literal backtick than a code span.
  if (!open || isSpace(segment[openAt + open])) return text
  // A closing run that is still arriving (`` ``a ` b` `` so far) is completed, not followed
  // by a whole new run: that longer run would close nothing.
  const trailing = /`+$/.exec(segment)?.[0].length ?? 0
  if (trailing >= open) return text
  return text + '`'.repeat(open - trailing)
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c)
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c)
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c)
// CJK text has no spaces between words, so `**` right after a CJK character is the normal
// way to open strong emphasis there (`这是**重要**的`), not an intraword literal.
const isCjk = (c: string | undefined) =>
  c !== undefined &&
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(c)

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
    const body = text.replace(/[ \t]+$/, '')
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

/** A link or image whose text is still arriving, `see [the do`, hides its `[` for now. */
export function hideOpenBracket(text: string): string {
  if (openFence(text)) return text
  const start = lastInlineStart(text)
  const { masked, open } = maskCodeSpans(text.slice(start))
  if (open) return text
  const match = /(^|[\s(])(!?\[)([^\]\n]*)$/.exec(masked)
  if (!match || match[3]?.startsWith('^')) return text
  const at = start + match.index + (match[1]?.length ?? 0)
  return text.slice(0, at) + text.slice(at + (match[2]?.length ?? 0))
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
  const match = /(^|[^\\\]])(!?\[)([^\]\n[]*)\](?:\[[^\]\n[]*\]?)?$/.exec(masked)
  if (!match || match[3]?.startsWith('^')) return text
  const at = start + match.index + (match[1]?.length ?? 0)
  const content = at + (match[2]?.length ?? 0)
  return text.slice(0, at) + text.slice(content, content + (match[3]?.length ?? 0))
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

/** A (possibly unfinished) table delimiter row: cells of `-` with optional `:` around. */
const isDelimiterRow = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .every((cell) => /^\s*:?-*:?\s*$/.test(cell))

/**
 * A table whose header or delimiter row is still arriving (`| a | b |` + `| -`, or `a | b` +
 * `-`) is shown as a table already.
 */
export function completeTableDelimiter(text: string): string {
  if (openFence(text)) return text
  const rows = lines(text)
  const header = rows[0] ?? ''
  if (!header.includes('|') || rows.length > 2) return text
  // Without outer pipes (`a | b`) a line is prose until a delimiter row starts under it.
  if (!header.trimStart().startsWith('|') && !/^[ \t]*\|?[ \t]*:?-/.test(rows[1] ?? '')) return text
  const cells = header
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|').length
  if (cells < 1 || header.trim().length < 3) return text
  const delimiter = rows[1] ?? ''
  if (rows.length === 2 && delimiter.trim() !== '' && !isDelimiterRow(delimiter)) return text
  if (rows.length === 2 && delimiter.includes('-') && /-[ \t]*\|?[ \t]*$/.test(delimiter)) {
    const written = delimiter
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|').length
    if (written >= cells && delimiter.trim().endsWith('|')) return text
  }
  // A header row still arriving (`| Mod`, `| a | b`) is shown as a table at once, so the view
  // does not flip between a table and a paragraph of raw pipes while the row grows.
  return `${header}\n|${' --- |'.repeat(cells)}`
}

/**
 * A last line of one or two dashes right under a line of text (`Intro:` + `-`) is hidden with
 * its line break: it is far more often a list item being started than a setext underline, and
 * read as an underline it would turn the paragraph into a heading for an update. `---` and `=`
 * underlines still apply as soon as they arrive. A bare `+` or `1.` there is hidden too: an
 * empty item cannot interrupt a paragraph, so it would show as text until its content came.
 */
export function hidePartialListMarker(text: string): string {
  if (openFence(text)) return text
  const lastBreak = text.lastIndexOf('\n')
  if (
    lastBreak < 0 ||
    !/^(?:[ \t]*>)*[ \t]*(?:-{1,2}|\+|\d{1,9}[.)])[ \t]*$/.test(text.slice(lastBreak + 1))
  )
    return text
  const previous = text.slice(text.lastIndexOf('\n', lastBreak - 1) + 1, lastBreak)
  if (previous.replace(/^(?:[ \t]*>)*/, '').trim() === '') return text
  return text.slice(0, lastBreak)
}

/** The built-in handlers in the order they run. */
export const defaultRepairHandlers: readonly RepairHandler[] = [
  { name: 'partial-fence-close', priority: 0, kind: 'trim', handle: hidePartialFenceClose },
  { name: 'table-delimiter', priority: 10, kind: 'trim', handle: completeTableDelimiter },
  { name: 'partial-list-marker', priority: 15, kind: 'trim', handle: hidePartialListMarker },
  { name: 'trailing-marker', priority: 20, kind: 'trim', handle: hideTrailingMarker },
  { name: 'link-destination', priority: 30, kind: 'trim', handle: closeLinkDestination },
  { name: 'open-bracket', priority: 40, kind: 'trim', handle: hideOpenBracket },
  { name: 'closed-bracket', priority: 42, kind: 'trim', handle: hideClosedBracket },
  { name: 'open-autolink', priority: 45, kind: 'trim', handle: hideOpenAutolink },
  { name: 'code-span', priority: 50, kind: 'append', handle: closeCodeSpan },
  { name: 'strikethrough', priority: 60, kind: 'append', handle: closeStrikethrough },
  { name: 'asterisk-emphasis', priority: 70, kind: 'append', handle: closeAsteriskEmphasis },
  { name: 'underscore-emphasis', priority: 80, kind: 'append', handle: closeUnderscoreEmphasis },
]

/**
 * Runs the handlers in priority order. `consumes(text, closer)` is asked whether the parser
 * turns an appended closer into markup; when it does not, that handler's change is undone.
 */
export function repairTail(
  text: string,
  consumes: (text: string, closer: string) => boolean,
  handlers: readonly RepairHandler[] = defaultRepairHandlers,
): string {
  let result = text
  for (const handler of [...handlers].sort((a, b) => a.priority - b.priority)) {
    const next = handler.handle(result)
    if (next === result) continue
    if (handler.kind === 'append') {
      const closer = insertedText(result, next)
      if (closer === undefined || !consumes(next, closer)) continue
    }
    result = next
  }
  return result
}

/** The one run of text inserted into `before` to give `after`, or undefined if it is not that. */
function insertedText(before: string, after: string): string | undefined {
  const added = after.length - before.length
  if (added <= 0) return undefined
  let at = 0
  while (at < before.length && before[at] === after[at]) at++
  return after.slice(at + added) === before.slice(at) ? after.slice(at, at + added) : undefined
}
