import { isSpace, lastInlineStart, maskCodeSpans, openFence, trailingRun } from './scan.ts'

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

/** An unclosed code span at the end gets its closing backticks. */
export function closeCodeSpan(text: string): string {
  if (openFence(text)) return text
  const segment = text.slice(lastInlineStart(text))
  const { open, openAt } = maskCodeSpans(segment)
  // `` ` `` followed by a space is far more often a literal backtick than a code span.
  if (!open || isSpace(segment[openAt + open])) return text
  // A closing run that is still arriving (`` ``a ` b` `` so far) is completed, not followed
  // by a whole new run: that longer run would close nothing.
  const trailing = trailingRun(segment, '`')
  if (trailing >= open) return text
  return text + '`'.repeat(open - trailing)
}
