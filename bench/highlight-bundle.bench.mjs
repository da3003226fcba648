// Bundle cost of syntax highlighting: a page rendering StreamingMarkdown without and with
// `rivulet/highlight`, bundled by esbuild (minified, code splitting, React external) from dist/.
// Prints min+gz of the main chunk, of what the first highlighted TypeScript block loads (shiki,
// its regex engine, the two themes and the grammar) and of all lazy chunks, and checks that no
// shiki code is in the main chunk.
import { gzipSync } from 'node:zlib'
import { bundlePage, chunkClosure, table } from './helpers.mjs'

const pages = {
  'StreamingMarkdown, no highlighter': `
    import { createElement } from 'react'
    import { StreamingMarkdown } from './dist/components/index.js'
    export const Page = ({ text }) => createElement(StreamingMarkdown, { text })`,
  'StreamingMarkdown + rivulet/highlight': `
    import { createElement } from 'react'
    import { StreamingMarkdown } from './dist/components/index.js'
    import { shikiHighlighter } from './dist/highlight/index.js'
    export const Page = ({ text }) => createElement(StreamingMarkdown, { text, highlight: shikiHighlighter })`,
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`
const gz = (file) => gzipSync(file.contents, { level: 9 }).length

const rows = []
for (const [name, contents] of Object.entries(pages)) {
  const result = await bundlePage(contents)
  const files = new Map(
    result.outputFiles.map((file) => [file.path.slice(file.path.indexOf('bench-out')), file]),
  )
  const outputs = result.metafile.outputs
  const main = Object.keys(outputs).find((path) => outputs[path].entryPoint === 'page.js')
  const mainChunks = chunkClosure(outputs, [main])
  const lazyRoots = [...mainChunks].flatMap((path) =>
    outputs[path].imports
      .filter((i) => !i.external && i.kind === 'dynamic-import')
      .map((i) => i.path),
  )
  const wanted = /(github-(light|dark)-high-contrast|langs\/dist\/typescript)\.mjs$/
  const firstUse = chunkClosure(outputs, [
    ...lazyRoots,
    ...Object.keys(outputs).filter((path) =>
      Object.keys(outputs[path].inputs).some((input) => wanted.test(input)),
    ),
  ])
  const size = (paths) => [...paths].reduce((sum, path) => sum + gz(files.get(path)), 0)
  const lazy = Object.keys(outputs).filter((path) => path.endsWith('.js') && !mainChunks.has(path))
  const shikiInMain = [...mainChunks].some((path) =>
    Object.keys(outputs[path].inputs).some((input) =>
      /node_modules\/(shiki|@shikijs)\//.test(input),
    ),
  )
  rows.push({
    page: name,
    'main chunk min+gz': kB(size(mainChunks)),
    'first ts block loads': lazyRoots.length
      ? kB(size([...firstUse].filter((p) => !mainChunks.has(p))))
      : '-',
    'lazy chunks': `${lazy.length} (${kB(size(lazy))})`,
    'shiki in main chunk': shikiInMain ? 'YES' : 'no',
  })
}
console.log('esbuild, minified, code splitting, React external; sizes are gzip -9')
table(rows)
