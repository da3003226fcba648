import type { Token } from 'markdown-it'
import { memo, useMemo, type ReactNode } from 'react'
import { BlockBoundary, BlockFallback } from './markdown/block-fallback.tsx'
import { envFor, type Definitions } from './markdown/definitions.ts'
import { getParser } from './markdown/parser.ts'
import { renderTokens, visibleText } from './markdown/render.tsx'
import { repairTail } from './markdown/repair.ts'
import { ChunkedTable, splitTable } from './markdown/table-chunks.tsx'
import type { RenderOptions } from './markdown/types.ts'

/** Props of one memoized block. */
export interface MarkdownBlockProps {
  source: string
  /** The document's definitions, or the shared empty set for blocks that cannot use them. */
  definitions: Definitions
  options: RenderOptions
  /** Only the last block of a stream gets the cursor. */
  cursor: ReactNode
  /** The open tail of a stream: repaired before parsing. */
  open: boolean
}

function parse(source: string, definitions: Definitions, repair: boolean) {
  const md = getParser()
  // The last candidate a repair parsed is often the repaired text itself: parse it once.
  let last: { text: string; tokens: Token[] } | undefined
  const tokensOf = (text: string) =>
    last?.text === text
      ? last.tokens
      : (last = { text, tokens: md.parse(text, envFor(definitions)) }).tokens
  const text = repair
    ? repairTail(source, (candidate, closer) => {
        // Keep appended closers only if the parser turned them all into markup: the text a
        // reader sees must not end with any of them (unless the text itself ended with one).
        const seen = visibleText(tokensOf(candidate)).trimEnd()
        const body = candidate.trimEnd()
        const own = body[body.length - closer.length - 1] ?? ''
        const last = seen[seen.length - 1] ?? ''
        if (!/^[*_~]+$/.test(closer) || closer.includes(own)) return !seen.endsWith(closer)
        return !closer.includes(last)
      })
    : source
  return tokensOf(text)
}

function tryParse(source: string, definitions: Definitions, repair: boolean) {
  // Parse or walk errors are caught here, not only by the boundary: server rendering has no
  // error boundaries, and one block must never take the whole answer down.
  try {
    return parse(source, definitions, repair)
  } catch {
    return undefined
  }
}

function BlockContent({ source, definitions, options, cursor, open }: MarkdownBlockProps) {
  const repair = open && options.repair
  // The open block keeps its tokens, so a new cursor alone does not parse again; a finished
  // block keeps only its elements (its tokens would be memory held for nothing).
  const openTokens = useMemo(
    () => (open ? tryParse(source, definitions, repair) : undefined),
    [source, definitions, repair, open],
  )
  const content = useMemo(() => {
    const tokens = open ? openTokens : tryParse(source, definitions, repair)
    try {
      return tokens && renderTokens(tokens, { options, definitions, cursor, open })
    } catch {
      return undefined
    }
  }, [openTokens, source, definitions, repair, options, cursor, open])
  if (content === undefined) return <BlockFallback source={source} />
  return <>{content}</>
}

function MarkdownBlockImpl(props: MarkdownBlockProps) {
  // A long table renders in chunks of rows, so a growing one is not parsed whole per update.
  const table = splitTable(props.source)
  return (
    <BlockBoundary source={props.source}>
      {table ? (
        <ChunkedTable table={table} parse={parse} {...props} />
      ) : (
        <BlockContent {...props} />
      )}
    </BlockBoundary>
  )
}

/**
 * One top-level block. Memoized on its source, the definitions it can see, the render options
 * and the cursor, so while an answer streams only the last block re-renders.
 */
export const MarkdownBlock = memo(
  MarkdownBlockImpl,
  (a, b) =>
    a.source === b.source &&
    a.definitions === b.definitions &&
    a.options === b.options &&
    a.cursor === b.cursor &&
    a.open === b.open,
)
