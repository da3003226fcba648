// `npm run bench`: runs every bench/*.bench.mjs (or those whose name contains an argument),
// one after the other, each in its own Node process. Benches import the built package from
// dist/, so it is built first when missing. Benchmarks only print figures; nothing asserts
// on speed.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const filters = process.argv.slice(2)

if (!existsSync(join(root, 'dist/components/index.js'))) {
  console.log('dist/ is missing: building first (npm run build)')
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort()

let failed = 0
for (const file of files) {
  console.log(`\n=== ${file}`)
  // React's production build, as users ship it (the development build adds per-element checks).
  const env = { ...process.env, NODE_ENV: 'production' }
  const run = spawnSync(process.execPath, ['--expose-gc', join(here, file)], {
    env,
    cwd: root,
    stdio: 'inherit',
  })
  if (run.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
