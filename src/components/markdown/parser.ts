import markdownIt, { type MarkdownIt } from 'markdown-it'
import footnote from 'markdown-it-footnote'

/**
 * The markdown parser: markdown-it (CommonMark + GFM tables, strikethrough, autolinks via
 * linkify, footnotes via markdown-it-footnote). It was chosen by measurement over
 * micromark/mdast and marked: see bench/parsers.bench.mjs.
 *
 * `html: false` is the "raw HTML shown as text" rule: markdown-it then never emits
 * html_block/html_inline tokens, so `<script>` stays a text token that React escapes.
 */
function createParser(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, typographer: false })
  // GFM autolink literals need `www.` or a scheme: bare `example.com` links are dropped at
  // render time (render.tsx), as fuzzy matching is also what finds `www.` links.
  md.linkify.set({ fuzzyLink: true, fuzzyEmail: true })
  // linkify-it only knows the classic TLDs for scheme-less links; GFM links any `www.` host.
  md.linkify.tlds(['dev', 'app', 'cloud', 'tech', 'xyz', 'site', 'online', 'page', 'blog'], true)
  md.use(footnote)
  // Footnote definitions stay where they are written: moving them to the end of the whole
  // document (footnote_tail) would make every block depend on every other one.
  md.core.ruler.disable(['footnote_tail'])
  md.inline.ruler.disable(['footnote_inline'])
  // The URL policy is ours (url-policy.ts, applied at render time, replaceable through
  // `urlTransform`): markdown-it's own blocklist would leave a rejected link as raw text.
  md.validateLink = () => true
  return md
}

let full: MarkdownIt | undefined
let blocksOnly: MarkdownIt | undefined

/** The full parser (block + inline), created on first use so importing costs nothing. */
export function getParser(): MarkdownIt {
  return (full ??= createParser())
}

/**
 * A parser that runs only the block stage: enough to find block boundaries and collect link
 * reference and footnote definitions, without the cost of inline parsing.
 */
export function getBlockParser(): MarkdownIt {
  if (!blocksOnly) {
    blocksOnly = createParser()
    blocksOnly.core.ruler.enableOnly(['normalize', 'block'])
  }
  return blocksOnly
}
