// Builds the shadcn registry: reads registry.json (the items) and writes public/r/<item>.json,
// each file's content inlined as `shadcn add` expects, rewritten to be self-contained:
//   - imports between the parts stay relative, without the .ts/.tsx extension (any bundler);
//   - what the parts need from the rest of rivulet comes from the `rivulet` package
//     (`../streaming-markdown.tsx`, `../markdown/*` → `rivulet/components`), each item's dependency.
// A file a part imports that no item of its dependencies provides is added to the item, so an
// install never misses a file; `--sync` writes those additions back into registry.json.
//   node scripts/build-registry.mjs [--out <dir>] [--base-url <url of the r/ folder>] [--sync]
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, posix, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : fallback
}
const out = resolve(root, option('--out', 'public/r'))
const baseUrl = option('--base-url', process.env.REGISTRY_URL ?? 'http://localhost:4173/r').replace(
  /\/$/,
  '',
)
const sync = args.includes('--sync')

// What a copied part imports from outside the chat folder (`../streaming-markdown.tsx`,
// `../markdown/url-policy.ts`) it takes from the package's public entry instead.
const FROM_PACKAGE = {
  has: (specifier) => specifier.startsWith('../'),
  get: () => 'rivulet/components',
}
const IMPORT = /(from\s+|import\s*\(\s*)(['"])([^'"]+)\2/g

function rewrite(source) {
  return source.replace(IMPORT, (all, head, quote, specifier) => {
    if (FROM_PACKAGE.has(specifier)) return `${head}${quote}${FROM_PACKAGE.get(specifier)}${quote}`
    if (specifier.startsWith('.')) {
      return `${head}${quote}${specifier.replace(/\.tsx?$/, '')}${quote}`
    }
    return all
  })
}

function relativeImports(source, path) {
  const found = []
  for (const [, , , specifier] of source.matchAll(IMPORT)) {
    if (specifier.startsWith('.') && !FROM_PACKAGE.has(specifier)) {
      found.push(posix.join(posix.dirname(path), specifier))
    }
  }
  return found
}

const typeOf = (path) =>
  path.endsWith('.css')
    ? 'registry:file'
    : /\/use-[^/]+\.ts$/.test(path)
      ? 'registry:hook'
      : path.endsWith('.tsx')
        ? 'registry:ui'
        : 'registry:lib'
const targetOf = (path) => `components/rivulet/${path.replace(/^src\/components\//, '')}`

const registry = JSON.parse(await readFile(join(root, 'registry.json'), 'utf8'))
const byName = new Map(registry.items.map((item) => [item.name, item]))
const localName = (dependency) => dependency.replace(/^.*\/r\/|\.json$/g, '')

/** Files an item's registry dependencies provide, transitively. */
function provided(item, seen = new Set()) {
  const files = new Set()
  for (const dependency of item.registryDependencies ?? []) {
    const other = byName.get(localName(dependency))
    if (!other || seen.has(other.name)) continue
    seen.add(other.name)
    for (const file of other.files) files.add(file.path)
    for (const file of provided(other, seen)) files.add(file)
  }
  return files
}

const sources = new Map()
const read = async (path) => {
  if (!sources.has(path)) sources.set(path, await readFile(join(root, path), 'utf8'))
  return sources.get(path)
}

await mkdir(out, { recursive: true })
let added = 0
for (const item of registry.items) {
  const theirs = provided(item)
  const own = new Set(item.files.map((file) => file.path))
  // Close the item over its relative imports.
  const queue = [...own]
  while (queue.length > 0) {
    const path = queue.shift()
    if (!path.endsWith('.ts') && !path.endsWith('.tsx')) continue
    for (const target of relativeImports(await read(path), path)) {
      if (own.has(target) || theirs.has(target)) continue
      own.add(target)
      queue.push(target)
      item.files.push({ path: target, type: typeOf(target), target: targetOf(target) })
      added++
      console.log(`${item.name}: added ${target} (imported, and in none of its dependencies)`)
    }
  }
  const files = []
  for (const file of item.files) {
    const content = await read(file.path)
    files.push({
      path: file.path,
      type: file.type ?? typeOf(file.path),
      target: file.target ?? targetOf(file.path),
      content: file.path.endsWith('.css') ? content : rewrite(content),
    })
  }
  const built = {
    $schema: 'https://ui.shadcn.com/schema/registry-item.json',
    ...item,
    registryDependencies: item.registryDependencies?.map((dependency) =>
      dependency.includes('/') ? dependency : `${baseUrl}/${dependency}.json`,
    ),
    files,
  }
  if (!built.registryDependencies?.length) delete built.registryDependencies
  await writeFile(join(out, `${item.name}.json`), `${JSON.stringify(built, null, 2)}\n`)
}
await writeFile(
  join(out, 'registry.json'),
  `${JSON.stringify({ ...registry, items: registry.items.map(({ files, ...rest }) => ({ ...rest, files: files.map(({ path, type, target }) => ({ path, type, target })) })) }, null, 2)}\n`,
)
if (sync && added > 0) {
  await writeFile(join(root, 'registry.json'), `${JSON.stringify(registry, null, 2)}\n`)
}
console.log(`${registry.items.length} items → ${relative(root, out) || out}`)
