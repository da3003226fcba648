// Why markdown-it: the parse cost of the open tail (the only part StreamingMarkdown re-parses
// per update), CommonMark conformance, and bundle size, for markdown-it against
// micromark/mdast (what react-markdown uses) and marked (what streamdown splits blocks with).
import { gzipSync } from 'node:zlib'
import { median, table } from './helpers.mjs'

const candidates = {}
const { default: markdownIt } = await import('markdown-it')
const { default: footnote } = await import('markdown-it-footnote')
const md = markdownIt({ html: false, linkify: true }).use(footnote)
candidates['markdown-it (+footnote)'] = {
  parse: (text) => md.parse(text, {}),
  html: (text) => markdownIt('commonmark').render(text),
  entry:
    "import m from 'markdown-it'; import f from 'markdown-it-footnote'; export const md = m({linkify:true}).use(f)",
}
try {
  const { fromMarkdown } = await import('mdast-util-from-markdown')
  const { gfm } = await import('micromark-extension-gfm')
  const { gfmFromMarkdown } = await import('mdast-util-gfm')
  const { micromark } = await import('micromark')
  candidates['micromark/mdast (+gfm)'] = {
    parse: (text) =>
      fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }),
    html: (text) => micromark(text, { allowDangerousHtml: true }),
    entry:
      "import {fromMarkdown} from 'mdast-util-from-markdown'; import {gfm} from 'micromark-extension-gfm'; import {gfmFromMarkdown} from 'mdast-util-gfm'; export const p = (s) => fromMarkdown(s, {extensions:[gfm()], mdastExtensions:[gfmFromMarkdown()]})",
  }
} catch (error) {
  console.log(`micromark not measured: ${error.message}`)
}
try {
  const { Lexer, marked } = await import('marked')
  candidates['marked (lexer)'] = {
    parse: (text) => Lexer.lex(text, { gfm: true }),
    html: (text) => marked.parse(text, { gfm: false }),
    entry: "export { Lexer } from 'marked'",
  }
} catch (error) {
  console.log(`marked not measured: ${error.message}`)
}

const paragraph =
  'Streaming **markdown** with `code`, [links](https://example.com) and _emphasis_ in a growing paragraph. '
const code = 'const x = compute(a, b) // a comment with *stars*\n'
const fill = (unit, length) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)

let spec = []
try {
  spec = (await import('commonmark-spec')).default.tests
} catch {
  console.log('commonmark-spec not installed: conformance not measured')
}
const normalize = (html) =>
  html.replace(/\s+/g, ' ').replace(/> </g, '><').replace(/ \/>/g, '>').trim()

let esbuild
try {
  esbuild = await import('esbuild')
} catch {
  console.log('esbuild not available: bundle sizes not measured')
}
async function gzipSize(entry) {
  if (!esbuild) return 'n/a'
  const out = await esbuild.build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    // shiki is an optional peer behind a dynamic import: never part of the main bundle.
    external: ['react', 'react/jsx-runtime', 'react-dom', 'shiki'],
    logLevel: 'silent',
  })
  return `${(gzipSync(out.outputFiles[0].contents, { level: 9 }).length / 1024).toFixed(1)} kB`
}

const rows = []
for (const [name, candidate] of Object.entries(candidates)) {
  const row = { parser: name }
  for (const length of [200, 1000, 4000]) {
    const prose = fill(paragraph, length)
    const fence = '```ts\n' + fill(code, length)
    row[`${length} ch paragraph ms`] = median(() => candidate.parse(prose), {
      rounds: 41,
      warmup: 20,
    }).toFixed(3)
    row[`${length} ch fence ms`] = median(() => candidate.parse(fence), {
      rounds: 41,
      warmup: 20,
    }).toFixed(3)
  }
  const passed = spec.filter((example) => {
    try {
      return normalize(candidate.html(example.markdown)) === normalize(example.html)
    } catch {
      return false
    }
  }).length
  row['CommonMark examples'] = spec.length ? `${passed}/${spec.length}` : 'n/a'
  row['min+gz'] = await gzipSize(candidate.entry)
  rows.push(row)
}
console.log(
  'parse time of one open tail block (median), conformance with a loose HTML comparison, bundle size',
)
table(rows)

const reference = await gzipSize(
  "export { default as Markdown } from 'react-markdown'; export { default as remarkGfm } from 'remark-gfm'",
)
const ours = await gzipSize("export { StreamingMarkdown } from './dist/components/index.js'")
console.log(
  `\nbundle (min+gz, React excluded): rivulet/components ${ours} · react-markdown + remark-gfm ${reference}`,
)
