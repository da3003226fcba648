// markdown-it-footnote ships no types; its only export is the plugin function.
declare module 'markdown-it-footnote' {
  import type { MarkdownIt } from 'markdown-it'
  const footnote: (md: MarkdownIt) => void
  export default footnote
}
