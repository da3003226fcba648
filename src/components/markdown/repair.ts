import {
  completeTableDelimiter,
  hidePartialListMarker,
  hidePartialThematicBreak,
} from './repair/blocks.ts'
import { closeCodeSpan, hidePartialFenceClose } from './repair/code.ts'
import { closeEmphasis, hideTrailingMarker } from './repair/emphasis.ts'
import {
  closeLinkDestination,
  hideClosedBracket,
  hideOpenAutolink,
  hideOpenBracket,
} from './repair/links.ts'

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

/** The built-in handlers in the order they run. */
export const defaultRepairHandlers: readonly RepairHandler[] = [
  { name: 'partial-fence-close', priority: 0, kind: 'trim', handle: hidePartialFenceClose },
  { name: 'table-delimiter', priority: 10, kind: 'trim', handle: completeTableDelimiter },
  { name: 'partial-list-marker', priority: 15, kind: 'trim', handle: hidePartialListMarker },
  { name: 'partial-thematic-break', priority: 16, kind: 'trim', handle: hidePartialThematicBreak },
  { name: 'trailing-marker', priority: 20, kind: 'trim', handle: hideTrailingMarker },
  { name: 'link-destination', priority: 30, kind: 'trim', handle: closeLinkDestination },
  // A closed pair first: once an outer `[` is hidden, a pair inside it would look outermost.
  { name: 'closed-bracket', priority: 38, kind: 'trim', handle: hideClosedBracket },
  { name: 'open-bracket', priority: 40, kind: 'trim', handle: hideOpenBracket },
  { name: 'open-autolink', priority: 45, kind: 'trim', handle: hideOpenAutolink },
  { name: 'code-span', priority: 50, kind: 'append', handle: closeCodeSpan },
  // One handler for `*`, `_` and `~~`, so closers come in nesting order (`~~a **b**~~`).
  { name: 'emphasis', priority: 60, kind: 'append', handle: closeEmphasis },
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
