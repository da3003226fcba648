import { memo, type ReactNode } from 'react'
import { MarkdownBlock } from '../markdown-block.tsx'
import { NO_DEFINITIONS } from './definitions.ts'
import { blockAt, blockCount, type SplitResult } from './split-blocks.ts'
import type { RenderOptions } from './types.ts'

/** Blocks per range at the lowest level; each level up holds this many ranges of the one below. */
export const RANGE = 16

/** Props of one range of blocks. */
export interface BlockRangeProps {
  split: SplitResult
  /** The blocks `[start, start + size)` of the split (fewer if the split has fewer). */
  start: number
  size: number
  options: RenderOptions
  /** Given to the last block while the answer streams. */
  cursor: ReactNode
  streaming: boolean
}

/**
 * Blocks in a tree of memoized ranges (16 blocks, 16 ranges of 16, …): a block keeps its
 * place in the tree for its whole life, so nothing is ever re-mounted, and a range that holds
 * only finished blocks is skipped by React as a whole. An update then reconciles a few dozen
 * elements whatever the length of the answer, instead of one per block.
 */
function BlockRangeImpl({ split, start, size, options, cursor, streaming }: BlockRangeProps) {
  const count = blockCount(split)
  const end = Math.min(count, start + size)
  if (size <= RANGE) {
    const out: ReactNode[] = []
    for (let index = start; index < end; index++) {
      const block = blockAt(split, index)
      const open = streaming && index === count - 1
      out.push(
        <MarkdownBlock
          // Keys are places, on purpose (streamdown): a growing block keeps its identity.
          key={index}
          source={block.source}
          definitions={block.usesDefinitions ? split.definitions : NO_DEFINITIONS}
          options={options}
          cursor={index === count - 1 ? cursor : null}
          open={open}
        />,
      )
    }
    return out
  }
  return blockRanges({ split, options, cursor, streaming }, start, end, size / RANGE)
}

/**
 * The memoized ranges of `size` blocks that cover the blocks `[start, end)`: the children of a
 * range above the lowest level, and the top of the tree in `StreamingMarkdown`.
 */
export function blockRanges(
  shared: Omit<BlockRangeProps, 'start' | 'size'>,
  start: number,
  end: number,
  size: number,
): ReactNode[] {
  const out: ReactNode[] = []
  for (let at = start; at < end; at += size) {
    out.push(<BlockRange key={at} {...shared} start={at} size={size} />)
  }
  return out
}

/** The range is full and its last block is not the split's last: nothing in it can change. */
const sealed = (p: BlockRangeProps) => blockCount(p.split) > p.start + p.size

function usesDefinitions(p: BlockRangeProps) {
  for (let i = p.start; i < p.start + p.size; i++)
    if (blockAt(p.split, i).usesDefinitions) return true
  return false
}

function sameRange(a: BlockRangeProps, b: BlockRangeProps) {
  if (a.options !== b.options || a.start !== b.start || a.size !== b.size) return false
  if (!sealed(a) || !sealed(b)) return false
  // Finished blocks are kept as the same objects from one split to the next: the same first
  // and last block means the same blocks in between. A split made afresh has new objects.
  const first = a.start
  const last = a.start + a.size - 1
  if (blockAt(a.split, first) !== blockAt(b.split, first)) return false
  if (blockAt(a.split, last) !== blockAt(b.split, last)) return false
  return a.split.definitions === b.split.definitions || !usesDefinitions(b)
}

export const BlockRange = memo(BlockRangeImpl, sameRange)

/** Blocks per top-level range (16 ranges of 16): the tree's shape never changes as it grows. */
export const TOP_RANGE = RANGE * RANGE
