// BENCH_PROFILE=1: Chromium CPU profiles (CDP Profiler) of rivulet's updates at 30 and 120 KB,
// saved as .cpuprofile (open in Chrome DevTools > Performance) and summarized: the functions
// with the most self time, and with the most inclusive time (what they and their callees cost).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { table } from '../helpers.mjs'

const UPDATES = 300

function summarize(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const key = (node) => {
    const { functionName, url, lineNumber } = node.callFrame
    const file = url ? url.slice(url.lastIndexOf('/') + 1) : ''
    return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`
  }
  const self = new Map()
  const inclusive = new Map()
  let total = 0
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000
    const node = nodes.get(id)
    const name = node.callFrame.functionName
    if (name === '(idle)' || name === '(program)') return
    total += dt
    self.set(key(node), (self.get(key(node)) ?? 0) + dt)
    const seen = new Set()
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const k = key(nodes.get(at))
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + dt)
      seen.add(k)
    }
  })
  const top = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 22)
      .map(([fn, ms]) => ({
        function: fn,
        ms: ms.toFixed(1),
        share: `${((ms / total) * 100).toFixed(1)}%`,
      }))
  return { total, self: top(self), inclusive: top(inclusive) }
}

export async function profileRivulet({ openPage, text, sizes, outDir }) {
  mkdirSync(outDir, { recursive: true })
  for (const length of [30_000, 120_000]) {
    const { page, cdp, close } = await openPage('rivulet')
    const start = length - UPDATES * 5
    await page.evaluate(([t, s]) => window.bench.prepare(t, s), [text.slice(0, length), start])
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 })
    await cdp.send('Profiler.start')
    const run = await page.evaluate((args) => window.bench.stream(args), {
      text: text.slice(0, length),
      start,
      sizes,
      maxUpdates: UPDATES,
      prepared: true,
    })
    const { profile } = await cdp.send('Profiler.stop')
    await close()
    const file = join(outDir, `rivulet-${length / 1000}k.cpuprofile`)
    writeFileSync(file, JSON.stringify(profile))
    const { total, self, inclusive } = summarize(profile)
    const sum = run.times.reduce((a, b) => a + b, 0)
    console.log(
      `\nProfile of ${run.times.length} rivulet updates ending at ${length / 1000} KB: ${total.toFixed(0)} ms busy (${sum.toFixed(0)} ms timed), written to bench/profiles/${file.slice(file.lastIndexOf('/') + 1)}`,
    )
    console.log('self time:')
    table(self)
    console.log('inclusive time:')
    table(inclusive)
  }
}

/**
 * A heap snapshot (CDP HeapProfiler) of a page after streaming `text`, summed by constructor:
 * where the heap after GC goes. `self` sizes only (what each object holds itself).
 */
async function heapByConstructor(cdp) {
  const chunks = []
  const onChunk = ({ chunk }) => chunks.push(chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  const snapshot = JSON.parse(chunks.join(''))
  const fields = snapshot.snapshot.meta.node_fields
  const types = snapshot.snapshot.meta.node_types[0]
  const width = fields.length
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f))
  const byName = new Map()
  let total = 0
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]]
    const size = snapshot.nodes[i + sizeAt]
    // Strings and arrays are summed by kind; objects by their constructor.
    const name =
      type === 'object' || type === 'closure'
        ? `${type} ${snapshot.strings[snapshot.nodes[i + nameAt]]}`
        : type
    const entry = byName.get(name) ?? { count: 0, bytes: 0 }
    entry.count++
    entry.bytes += size
    byName.set(name, entry)
    total += size
  }
  return { total, rows: [...byName].sort((a, b) => b[1].bytes - a[1].bytes) }
}

/** BENCH_PROFILE=1 also prints the heap after streaming the whole answer, by constructor. */
export async function heapOfLibraries({ openPage, text, sizes, names = ['floor', 'rivulet'] }) {
  const summaries = {}
  for (const name of names) {
    const { page, cdp, close } = await openPage(name)
    await page.evaluate((args) => window.bench.stream(args), { text, sizes, budgetMs: Infinity })
    summaries[name] = await heapByConstructor(cdp)
    await close()
  }
  for (const [name, { total, rows }] of Object.entries(summaries)) {
    console.log(
      `\nHeap of ${name} after streaming ${text.length / 1000} KB: ${(total / 1e6).toFixed(2)} MB in the snapshot`,
    )
    table(
      rows.slice(0, 16).map(([what, { count, bytes }]) => ({
        what: what.slice(0, 60),
        count,
        MB: (bytes / 1e6).toFixed(2),
        share: `${((bytes / total) * 100).toFixed(1)}%`,
      })),
    )
  }
}
