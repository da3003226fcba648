'use client'

// rivulet/highlight: the opt-in syntax highlighter, and the only module that names shiki.
export {
  createShikiHighlighter,
  shikiHighlighter,
  type ShikiHighlighterOptions,
} from './shiki-highlighter.tsx'
