// Installs a built registry item into an app as `shadcn add <url>` does: its registry
// dependencies first, then each file's content written to its target under the app's folder.
//   node .ci/registry-add.mjs <built r/ dir> <item> <app src dir>
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

const [dir, name, into] = process.argv.slice(2)
if (!dir || !name || !into) throw new Error('usage: registry-add.mjs <r dir> <item> <into>')

const done = new Set()
async function add(item) {
  if (done.has(item)) return
  done.add(item)
  const built = JSON.parse(await readFile(join(dir, `${item}.json`), 'utf8'))
  for (const dependency of built.registryDependencies ?? []) {
    await add(dependency.replace(/^.*\//, '').replace(/\.json$/, ''))
  }
  for (const file of built.files) {
    const path = join(into, file.target)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, file.content)
  }
}
await add(name)
console.log(`${name}: ${[...done].join(', ')} → ${into}`)
