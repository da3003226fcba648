'use client'

export { StreamingMarkdown, type StreamingMarkdownProps } from './streaming-markdown.tsx'
export { TypingCursor, type TypingCursorProps } from './typing-cursor.tsx'
export {
  defaultUrlTransform,
  isImageAllowed,
  isSafeUrl,
  type UrlKey,
  type UrlTransform,
} from './markdown/url-policy.ts'
export { shikiHighlighter } from './markdown/highlight.tsx'
export type { Highlighter, MarkdownComponents, MarkdownElement } from './markdown/types.ts'
export { defaultRepairHandlers, repairTail, type RepairHandler } from './markdown/repair.ts'
