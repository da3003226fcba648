// Per-update cost of StreamingMarkdown in a real browser: production React bundled by esbuild
// (as an app would ship it), loaded in the system Chromium through playwright-core, streaming a
// deterministic ~120 KB technical answer one token (~4 characters) per synchronous commit into
// four pages: the floor (the text in a <pre>), rivulet, react-markdown + remark-gfm, streamdown.
// Prints per-update p50/p95/max, the growth exponent over 30/60/120 KB, JS heap after GC, DOM
// nodes, ratios to the floor and to each peer, and the pathological inputs; writes
// bench/results.json and bench/markdown-browser.svg. Nothing asserts on speed.
//
// BENCH_PROFILE=1 instead records Chromium CPU profiles of rivulet (unminified) at 30 and
// 120 KB into bench/profiles/ and prints where the time goes.
import { execSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { browserPathOrExit } from '../test/helpers/find-browser.mjs'
import { table } from './helpers.mjs'
import { chart } from './markdown-browser/chart.mjs'
import { pathologicalInputs, technicalAnswer, tokenSizes } from './markdown-browser/documents.mjs'
import { summarize, growthExponent, bucketMedians } from './markdown-browser/stats.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const profile = process.env.BENCH_PROFILE === '1'
const executablePath = browserPathOrExit()
const LIBRARIES = ['floor', 'rivulet', 'react-markdown', 'streamdown']
const ONLY = process.env.BENCH_ONLY?.split(',') // e.g. BENCH_ONLY=floor,rivulet while iterating
const libraries = LIBRARIES.filter((name) => !ONLY || ONLY.includes(name))
// A peer too slow to stream the whole answer stops after this much timed work (and says so).
const STREAM_BUDGET_MS = Number(process.env.BENCH_STREAM_BUDGET_MS ?? 40_000)
const WINDOW = { updates: 200, budgetMs: 12_000 }
const PATHOLOGICAL = { updates: 100, budgetMs: 3_000 }
const LENGTHS = [30_000, 60_000, 120_000]

const started = Date.now()
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')
const loadBefore = load()

// --- bundles: one page per library, production React, minified (unless profiling) ----------
const esbuild = await import('esbuild')
const build = await esbuild.build({
  entryPoints: libraries.map((name) => ({
    in: join(here, `markdown-browser/pages/${name}.mjs`),
    out: name,
  })),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: !profile,
  keepNames: profile,
  outdir: '/out',
  write: false,
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.css': 'empty', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty' },
  logLevel: 'error',
})
const files = new Map(build.outputFiles.map((file) => [file.path, file.contents]))

// --- browser ------------------------------------------------------------------------------
const { chromium } = await import('playwright-core')
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
const version = browser.version()

async function openPage(name) {
  const context = await browser.newContext()
  const page = await context.newPage()
  // Served from memory (no server, no port). localhost is a secure context and the two headers
  // make the page cross-origin isolated, which gives performance.now() 5 µs resolution
  // instead of 100 µs.
  const headers = {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  }
  await page.route('http://localhost:4873/**', (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/') {
      const html = `<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module" src="/${name}.js"></script></body></html>`
      return route.fulfill({ contentType: 'text/html', headers, body: html })
    }
    const body = files.get(`/out${path}`)
    if (!body) return route.fulfill({ status: 404, headers, body: '' })
    return route.fulfill({ contentType: 'text/javascript', headers, body: Buffer.from(body) })
  })
  await page.goto('http://localhost:4873/')
  if (!(await page.evaluate(() => self.crossOriginIsolated)))
    console.log('warning: page not cross-origin isolated; timer resolution is 100 µs')
  await page.waitForFunction(() => window.bench !== undefined)
  const cdp = await context.newCDPSession(page)
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    return (await cdp.send('Runtime.getHeapUsage')).usedSize
  }
  return { page, cdp, heap, close: () => context.close() }
}

const text = technicalAnswer(120_000)
const sizes = tokenSizes(50_000)
const results = {}

if (profile) {
  // Profiles only: the unminified bundle's timings are not the figures to quote.
  const { heapOfLibraries, profileRivulet } = await import('./markdown-browser/profile.mjs')
  await profileRivulet({ openPage, text, sizes, outDir: join(here, 'profiles') })
  await heapOfLibraries({ openPage, text, sizes })
  await browser.close()
  process.exit(0)
}

for (const name of libraries) {
  const t0 = Date.now()
  const { page, heap, close } = await openPage(name)
  const heapEmpty = await heap()
  // 1. The whole answer, one token per commit (capped by time for slow peers).
  const stream = await page.evaluate((args) => window.bench.stream(args), {
    text,
    sizes,
    budgetMs: name === 'floor' || name === 'rivulet' ? Infinity : STREAM_BUDGET_MS,
  })
  const heapStreamed = stream.completed ? await heap() : null
  if (stream.error) await page.evaluate(() => window.bench.unmount())
  const finishMs = await page.evaluate((t) => {
    try {
      return window.bench.finish(t)
    } catch {
      return null
    }
  }, text)
  const heapFinished = await heap()
  const nodes = await page.evaluate(() => window.bench.nodeCount())
  await page.evaluate(() => window.bench.unmount())
  // 2. Windows ending at 30, 60 and 120 KB: the per-update cost against the answer's length.
  const windows = {}
  for (const length of LENGTHS) {
    const start = length - WINDOW.updates * 4
    const run = await page.evaluate((args) => window.bench.stream(args), {
      text: text.slice(0, length),
      start,
      sizes,
      maxUpdates: WINDOW.updates,
      budgetMs: WINDOW.budgetMs,
      layout: true,
    })
    await page.evaluate(() => window.bench.unmount())
    windows[length] = { ...summarize(run.commits), withLayout: summarize(run.times) }
  }
  await close()
  results[name] = {
    stream: {
      ...summarize(stream.times),
      completed: stream.completed,
      error: stream.error,
      streamedChars: stream.lengths.at(-1) ?? 0,
      wallMs: stream.wallMs,
    },
    series: bucketMedians(stream.times, stream.lengths, 4_000),
    windows,
    growth: growthExponent(
      LENGTHS,
      LENGTHS.map((length) => windows[length].p50),
    ),
    finishMs,
    heapEmptyBytes: heapEmpty,
    heapStreamedBytes: heapStreamed,
    heapFinishedBytes: heapFinished,
    domNodes: nodes,
    seconds: (Date.now() - t0) / 1000,
  }
  console.log(`${name}: ${results[name].seconds.toFixed(1)} s`)
}

// --- pathological inputs ------------------------------------------------------------------
const inputs = pathologicalInputs()
const pathological = {}
for (const name of libraries) {
  const { page, close } = await openPage(name)
  for (const [input, doc] of Object.entries(inputs)) {
    const start = Math.max(0, doc.length - PATHOLOGICAL.updates * 5)
    let row
    try {
      const t0 = Date.now()
      const run = await page.evaluate(
        (args) => window.bench.stream(args).then((r) => (window.bench.unmount(), r)),
        {
          text: doc,
          start,
          sizes,
          maxUpdates: PATHOLOGICAL.updates,
          budgetMs: PATHOLOGICAL.budgetMs,
        },
      )
      row = { ...summarize(run.times), error: run.error, seconds: (Date.now() - t0) / 1000 }
    } catch (error) {
      row = { error: String(error.message).split('\n')[0] }
    }
    ;(pathological[input] ??= { chars: doc.length })[name] = row
  }
  await close()
}

await browser.close()

// --- report -------------------------------------------------------------------------------
const ms = (x) => (x === undefined || x === null ? '–' : x < 10 ? x.toFixed(3) : x.toFixed(1))
const MB = (bytes) => (bytes === null ? '–' : `${(bytes / 1048576).toFixed(1)} MB`)
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}x` : '–')
const floor = results.floor

console.log(
  `\nChromium ${version}, production React, ${text.length} chars in ${results.rivulet?.stream.count ?? results.floor?.stream.count} updates (1 flushSync commit each)`,
)
console.log('\nWhole answer, per update (ms; render + DOM commit, one flushSync):')
table(
  libraries.map((name) => {
    const r = results[name]
    return {
      library: name,
      streamed: r.stream.error
        ? `${(r.stream.streamedChars / 1000).toFixed(0)} KB (threw)`
        : r.stream.completed
          ? 'all'
          : `${(r.stream.streamedChars / 1000).toFixed(0)} KB (capped)`,
      updates: r.stream.count,
      p50: ms(r.stream.p50),
      p95: ms(r.stream.p95),
      max: ms(r.stream.max),
      'total ms': ms(r.stream.sum),
      'p50 vs floor': ratio(r.stream.p50, floor?.stream.p50),
      'p95 vs floor': ratio(r.stream.p95, floor?.stream.p95),
      'heap after GC': MB(r.heapStreamedBytes ?? r.heapFinishedBytes),
      'heap vs floor': ratio(r.heapStreamedBytes ?? r.heapFinishedBytes, floor?.heapStreamedBytes),
      'DOM nodes': r.domNodes,
    }
  }),
)
console.log(
  `\nPer update over ${WINDOW.updates} updates ending at each length (ms; render + commit), growth exponent of the p50 (0 = flat, 1 = linear), and the 120 KB p50 with a forced layout after each commit:`,
)
table(
  libraries.map((name) => {
    const r = results[name]
    const row = { library: name }
    for (const length of LENGTHS) {
      row[`${length / 1000} KB p50`] = ms(r.windows[length].p50)
      row[`${length / 1000} KB p95`] = ms(r.windows[length].p95)
      row[`${length / 1000} KB vs floor`] = ratio(r.windows[length].p50, floor?.windows[length].p50)
    }
    row['120 KB +layout p50'] = ms(r.windows[120_000].withLayout.p50)
    row['120/30'] = ratio(r.windows[120_000].p50, r.windows[30_000].p50)
    row.growth = r.growth.toFixed(2)
    return row
  }),
)
if (results.rivulet) {
  console.log('\nrivulet against each library (p50 per update at 120 KB, whole-stream p95, heap):')
  table(
    libraries
      .filter((name) => name !== 'rivulet')
      .map((name) => ({
        versus: name,
        '120 KB p50': ratio(
          results.rivulet.windows[120_000].p50,
          results[name].windows[120_000].p50,
        ),
        'stream p95': ratio(results.rivulet.stream.p95, results[name].stream.p95),
        heap: ratio(results.rivulet.heapFinishedBytes, results[name].heapFinishedBytes),
      })),
  )
}
console.log(
  `\nPathological inputs: the last ${PATHOLOGICAL.updates} updates (capped at ${PATHOLOGICAL.budgetMs} ms of work), p50 / max ms per update:`,
)
table(
  Object.entries(pathological).map(([input, row]) => {
    const out = { input, chars: row.chars }
    for (const name of libraries) {
      const r = row[name]
      out[name] = r.error
        ? `error: ${r.error.slice(0, 30)}`
        : `${ms(r.p50)} / ${ms(r.max)}${r.count < PATHOLOGICAL.updates ? ` (${r.count} upd.)` : ''}`
    }
    return out
  }),
)

const seconds = (Date.now() - started) / 1000
const loadAfter = load()
console.log(
  `\n${seconds.toFixed(0)} s on ${cpus().length} cores; load average before ${loadBefore}, after ${loadAfter}`,
)
if (!ONLY && !profile) {
  const output = {
    generated: new Date().toISOString(),
    chromium: version,
    node: process.version,
    cores: cpus().length,
    loadAverage: { before: loadBefore, after: loadAfter },
    uptime: execSync('uptime')
      .toString()
      .trim()
      .replace(/^.*load/, 'load'),
    seconds,
    document: { chars: text.length, updates: results.floor?.stream.count },
    settings: { streamBudgetMs: STREAM_BUDGET_MS, window: WINDOW, pathological: PATHOLOGICAL },
    libraries: results,
    pathological,
  }
  writeFileSync(join(here, 'results.json'), JSON.stringify(output, null, 1) + '\n')
  writeFileSync(join(here, 'markdown-browser.svg'), chart(output))
  console.log('wrote bench/results.json and bench/markdown-browser.svg')
}
