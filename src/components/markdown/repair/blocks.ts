import { lines, openFence } from './scan.ts'

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

/** A line of only `*`, `-` or `_` markers (one kind) and spaces: a thematic break, maybe unfinished. */
export const BREAK_LINE = /^ {0,3}([*_-])(?:[ \t]*\1)*[ \t]*$/

/**
 * A last line of one or two markers spaced apart (`* *`, `- -`, `_ _`, or one alone after a
 * blank line) is hidden: it may be a thematic break being typed, and shown now it would flash
 * as nested empty bullets or stray underscores.
 */
export function hidePartialThematicBreak(text: string): string {
  if (openFence(text)) return text
  const lastBreak = text.lastIndexOf('\n')
  const line = text.slice(lastBreak + 1)
  const match = BREAK_LINE.exec(line)
  if (!match) return text
  const count = line.split(match[1] as string).length - 1
  return count >= 3 ? text : text.slice(0, lastBreak + 1)
}
