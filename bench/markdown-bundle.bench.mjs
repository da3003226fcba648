// What StreamingMarkdown costs an app's bundle: esbuild (minified, ESM, browser, React
// external) of a page importing only StreamingMarkdown from rivulet/components' source, gzip
// level 9; then what contributes, from esbuild's metafile (minified bytes per package and per
// file), so the size can be traced to its parts. Peers for scale: react-markdown + remark-gfm
// and streamdown, bundled the same way.
import { gzipSync } from 'node:zlib'
import { bundlePage, chunkClosure, table } from './helpers.mjs'

const pages = {
  'rivulet StreamingMarkdown': `export { StreamingMarkdown } from './src/components/index.ts'`,
  'react-markdown + remark-gfm': `export { default as Markdown } from 'react-markdown'\nexport { default as gfm } from 'remark-gfm'`,
  'streamdown (main chunk)': `export { Streamdown } from 'streamdown'`,
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`

async function bundle(contents) {
  const result = await bundlePage(contents, {
    pageLoader: 'ts',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty' },
  })
  const outputs = result.metafile.outputs
  const main = Object.keys(outputs).find((path) => outputs[path].entryPoint)
  // Everything the entry loads statically (shared chunks included), not lazy chunks.
  const seen = chunkClosure(outputs, [main])
  let min = 0
  let gz = 0
  const inputs = {}
  for (const path of seen) {
    const out = result.outputFiles.find((f) => f.path.endsWith(path.slice(path.lastIndexOf('/'))))
    min += out.contents.length
    gz += gzipSync(out.contents, { level: 9 }).length
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path].inputs))
      inputs[input] = (inputs[input] ?? 0) + bytesInOutput
  }
  return { min, gz, inputs }
}

const rows = []
let rivulet
for (const [name, contents] of Object.entries(pages)) {
  const result = await bundle(contents)
  rows.push({ page: name, min: kB(result.min), 'min+gz': kB(result.gz) })
  if (!rivulet) rivulet = result
}
console.log('Bundles (React external, static imports only):')
table(rows)

const packageOf = (input) => {
  const at = input.lastIndexOf('node_modules/')
  if (at < 0) return input.startsWith('src/') ? 'rivulet (src)' : input
  const [scope, name] = input.slice(at + 'node_modules/'.length).split('/')
  return scope.startsWith('@') ? `${scope}/${name}` : scope
}
const byPackage = {}
for (const [input, bytes] of Object.entries(rivulet.inputs))
  byPackage[packageOf(input)] = (byPackage[packageOf(input)] ?? 0) + bytes
const total = Object.values(byPackage).reduce((a, b) => a + b, 0)
console.log(
  `\nWhat rivulet's StreamingMarkdown bundle holds (minified bytes by package; ${kB(rivulet.gz)} gz in all):`,
)
table(
  Object.entries(byPackage)
    .sort((a, b) => b[1] - a[1])
    .map(([pkg, bytes]) => ({
      package: pkg,
      min: kB(bytes),
      share: `${((bytes / total) * 100).toFixed(1)}%`,
    })),
)
console.log('\nLargest files:')
table(
  Object.entries(rivulet.inputs)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([file, bytes]) => ({ file: file.replace(/^.*node_modules\//, ''), min: kB(bytes) })),
)

// Each dependency alone (min+gz), to see what leaving one out or loading it lazily would save.
const alone = {
  'markdown-it (with its dependencies)': `import M from 'markdown-it'\nexport const md = M`,
  'linkify-it (+ uc.micro)': `export * from 'linkify-it'`,
  'entities (HTML decode)': `export { decodeHTML } from 'entities'`,
  'markdown-it-footnote': `import F from 'markdown-it-footnote'\nexport const footnote = F`,
}
const aloneRows = []
for (const [name, contents] of Object.entries(alone)) {
  const result = await bundle(contents)
  aloneRows.push({ dependency: name, min: kB(result.min), 'min+gz': kB(result.gz) })
}
console.log('\nDependencies bundled alone:')
table(aloneRows)
