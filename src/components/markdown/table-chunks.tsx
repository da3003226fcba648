import { createElement, memo, type ReactNode } from 'react'
import type { Token } from 'markdown-it'
import type { Definitions } from './definitions.ts'
import { renderTokens } from './render.tsx'
import type { RenderOptions } from './types.ts'

/** Body rows per chunk: a table longer than this renders in chunks, memoized on their text. */
export const TABLE_ROWS = 64

const DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/

/** A long table: its header and delimiter rows, and its body lines in chunks of {@link TABLE_ROWS}. */
export interface TableChunks {
  readonly head: string
  readonly chunks: readonly string[]
}

/**
 * Cuts a block that is a GFM table with more than {@link TABLE_ROWS} body rows into chunks of
 * rows (undefined for anything else). Every body row depends only on the header (cells are
 * cut or padded to its width) and a blank line ends a table, so each chunk parsed after the
 * header gives the rows the whole table would: a finished chunk is never parsed again.
 */
export function splitTable(source: string): TableChunks | undefined {
  const first = source.indexOf('\n')
  if (first < 0) return undefined
  const second = source.indexOf('\n', first + 1)
  if (second < 0 || !source.slice(0, first).includes('|')) return undefined
  if (!DELIMITER.test(source.slice(first + 1, second))) return undefined
  const chunks: string[] = []
  let start = second + 1
  let at = start
  let rows = 0
  for (let nl = source.indexOf('\n', at); nl >= 0; nl = source.indexOf('\n', at)) {
    at = nl + 1
    if (++rows === TABLE_ROWS) {
      chunks.push(source.slice(start, at))
      start = at
      rows = 0
    }
  }
  if (chunks.length === 0) return undefined
  chunks.push(source.slice(start))
  return { head: source.slice(0, second + 1), chunks }
}

type Parse = (source: string, definitions: Definitions, repair: boolean) => Token[]

interface PartProps {
  parse: Parse
  head: string
  rows: string
  definitions: Definitions
  options: RenderOptions
  cursor: ReactNode
  open: boolean
  /** `thead` renders the header row, `tbody` the chunk's body rows. */
  part: 'thead' | 'tbody'
}

/** The tokens strictly inside the first `part_open` … `part_close` pair (both included for thead). */
function slice(tokens: Token[], part: 'thead' | 'tbody') {
  const open = tokens.findIndex((token) => token.type === `${part}_open`)
  if (open < 0) return []
  const close = tokens.findIndex((token, i) => i > open && token.type === `${part}_close`)
  return part === 'thead' ? tokens.slice(open, close + 1) : tokens.slice(open + 1, close)
}

function TablePartImpl({ parse, head, rows, definitions, options, cursor, open, part }: PartProps) {
  try {
    const tokens = slice(parse(head + rows, definitions, open && options.repair), part)
    return renderTokens(tokens, { options, definitions, cursor, open })
  } catch {
    // One chunk that cannot be parsed shows its text; the rest of the table stays.
    return createElement('tr', null, createElement('td', null, part === 'thead' ? head : rows))
  }
}

const TablePart = memo(TablePartImpl)

/** Props of a table rendered in chunks. */
export interface ChunkedTableProps {
  table: TableChunks
  parse: Parse
  definitions: Definitions
  options: RenderOptions
  cursor: ReactNode
  open: boolean
}

/**
 * A long table as `<table><thead/><tbody>…</tbody></table>`, the same elements a whole-table
 * render gives, with its rows in memoized chunks: while it streams only the last chunk is
 * parsed and rendered again.
 */
export function ChunkedTable({
  table,
  parse,
  definitions,
  options,
  cursor,
  open,
}: ChunkedTableProps) {
  const { components } = options
  const last = table.chunks.length - 1
  // Trailing blank lines (or definitions) can make the last chunk rowless: the cursor then
  // goes to the chunk before it.
  const cursorAt = table.chunks[last]?.trim() ? last : last - 1
  const common = { parse, head: table.head, definitions, options }
  const body = table.chunks.map((rows, index) => (
    <TablePart
      key={index}
      {...common}
      rows={rows}
      part="tbody"
      cursor={index === cursorAt ? cursor : null}
      open={open && index === last}
    />
  ))
  return createElement(
    components.table ?? 'table',
    null,
    <TablePart {...common} rows="" part="thead" cursor={null} open={false} />,
    createElement(components.tbody ?? 'tbody', null, ...body),
  )
}
