import type { Token } from 'markdown-it'
import {
  mergeDefinitions,
  NO_DEFINITIONS,
  sameDefinitions,
  type Definitions,
  type ParseEnv,
} from './definitions.ts'
import { getBlockParser } from './parser.ts'

/** One top-level block: its place in the text and its (line-ending normalized) source. */
export interface MarkdownBlockSource {
  readonly start: number
  readonly end: number
  readonly source: string
  /** The block has a `[`, so it may use link reference or footnote definitions. */
  readonly usesDefinitions: boolean
}

/**
 * The result of a split, also the memory that makes the next split incremental. Blocks are
 * `finished` (they can no longer change: never re-split, re-copied or re-rendered) and one
 * `open` last block. `finished` is append-only and shared with the next split of a longer
 * text, so only its first `finishedCount` entries belong to this result: read blocks through
 * {@link blockCount} and {@link blockAt}.
 */
export interface SplitResult {
  readonly text: string
  readonly finished: readonly MarkdownBlockSource[]
  readonly finishedCount: number
  /** The last block, the only one a longer text can still change. */
  readonly open: MarkdownBlockSource | undefined
  /** Definitions of the finished blocks (they can no longer change). */
  readonly frozen: Definitions
  /** Definitions of the whole text, stable in identity while their content is the same. */
  readonly definitions: Definitions
}

/** How many blocks a split holds. */
export const blockCount = (split: SplitResult) => split.finishedCount + (split.open ? 1 : 0)

/** The `index`th block of a split. */
export const blockAt = (split: SplitResult, index: number): MarkdownBlockSource =>
  (index < split.finishedCount ? split.finished[index] : split.open) as MarkdownBlockSource

/**
 * A copy of `text` that shares no memory with the string it was cut from. A slice of a long
 * string keeps the whole of it alive; a finished block lives as long as the answer, and each
 * was cut from a different version of the text.
 */
function detach(text: string): string {
  return text.length < 16 ? text : (JSON.parse(JSON.stringify(text)) as string)
}

// markdown-it normalizes CR LF and lone CR to LF before the block stage; doing the same here
// keeps our line offsets in step with its `token.map` line numbers.
const normalize = (text: string) => text.replace(/\r\n?/g, '\n')

/** Offsets (in `text`) where each line starts, counting CR LF and lone CR as one break. */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1)
  }
  return starts
}

function parseBlocks(source: string): { tokens: Token[]; env: ParseEnv } {
  const env: ParseEnv = {}
  return { tokens: getBlockParser().parse(normalize(source), env), env }
}

/** Splits `text` from offset `from` into top-level blocks (line ranges of level-0 tokens). */
function splitFrom(text: string, from: number) {
  const tail = text.slice(from)
  const { tokens, env } = parseBlocks(tail)
  const lines = lineStarts(tail)
  const firstLines: number[] = []
  for (const token of tokens) {
    if (token.level === 0 && token.nesting !== -1 && token.map) firstLines.push(token.map[0])
  }
  // Leading blank lines and definitions belong to the first block; anything between two
  // blocks (blank lines, definitions) to the block before it.
  if (firstLines.length === 0 || firstLines[0] !== 0) firstLines[0] = 0
  const blocks: MarkdownBlockSource[] = firstLines.map((line, i) => {
    const next = firstLines[i + 1]
    const start = from + (lines[line] ?? tail.length)
    const end = next === undefined ? text.length : from + (lines[next] ?? tail.length)
    const source = normalize(text.slice(start, end))
    return { start, end, source, usesDefinitions: source.includes('[') }
  })
  return { blocks, env }
}

/** Characters of the finished part compared, spread over it, by {@link extends_}. */
const SAMPLES = 64

/**
 * Whether `text` is `previous.text` with more appended. The open block's part is compared
 * whole (it is split again anyway); the finished part, which can be long, only at a few
 * places spread over it and at both ends, so the check costs the same at any length. A stream
 * only ever appends: this catches a new answer put in its place, and the split made afresh
 * once streaming ends (see {@link createBlockSplitter}'s callers) never depends on it.
 */
function extends_(text: string, previous: SplitResult): boolean {
  const old = previous.text
  if (text.length < old.length) return false
  const from = previous.open?.start ?? 0
  if (!text.startsWith(old.slice(from), from)) return false
  const step = Math.max(1, Math.floor(from / SAMPLES))
  for (let i = 0; i < from; i += step) if (text.charCodeAt(i) !== old.charCodeAt(i)) return false
  return from === 0 || text.charCodeAt(from - 1) === old.charCodeAt(from - 1)
}

/**
 * Splits markdown into top-level blocks. Given the previous result for a prefix of `text`,
 * only its open last block is split again (the finished ones are kept as they are, not even
 * copied), so the work per update depends on the size of that block, not on the length of the
 * answer.
 */
export function splitBlocks(text: string, previous?: SplitResult): SplitResult {
  if (previous && previous.text === text) return previous
  const reuse = previous?.open !== undefined && extends_(text, previous)
  let finished = reuse ? (previous.finished as MarkdownBlockSource[]) : []
  let finishedCount = reuse ? previous.finishedCount : 0
  // Append-only: a result made from an older split must not write over a newer one's blocks.
  if (finished.length !== finishedCount) finished = finished.slice(0, finishedCount)
  let frozen = reuse ? previous.frozen : NO_DEFINITIONS
  const from = reuse ? (previous.open?.start ?? 0) : 0
  if (text.length === 0) {
    return { text, finished, finishedCount, open: undefined, frozen, definitions: frozen }
  }
  const { blocks: tailBlocks, env } = splitFrom(text, from)
  // Blocks that just stopped being last are final: collect their definitions once, alone, so a
  // half-written definition in the new last block is never frozen.
  for (let i = 0; i < tailBlocks.length - 1; i++) {
    const block = tailBlocks[i] as MarkdownBlockSource
    if (block.source.includes(']:'))
      frozen = mergeDefinitions(frozen, parseBlocks(block.source).env)
    finished.push({ ...block, source: detach(block.source) })
    finishedCount++
  }
  let definitions = mergeDefinitions(frozen, env)
  if (previous && sameDefinitions(previous.definitions, definitions))
    definitions = previous.definitions
  return { text, finished, finishedCount, open: tailBlocks.at(-1), frozen, definitions }
}

/** Remembers the last split so that the next one, for a longer text, is incremental. */
export interface BlockSplitter {
  /** `incremental: false` splits afresh (used once a stream has ended). */
  split(text: string, incremental: boolean): SplitResult
}

/** A {@link BlockSplitter}: one per rendered answer. */
export function createBlockSplitter(): BlockSplitter {
  let last: SplitResult | undefined
  return {
    split(text, incremental) {
      last = splitBlocks(text, incremental ? last : undefined)
      return last
    },
  }
}
