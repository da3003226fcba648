// `output: 'json'` over a JSON array of records (what a list-producing answer streams) of 1–4 MB
// (BENCH_JSON_MB=10 for the 10 MB case; BENCH_JSON_EACH=0 leaves out the slow every-update
// variant), sent as OpenAI chat events of ~32 characters in 1–4 KB chunks. Three subscribers:
// one only told of updates (it reads the snapshot once, at the end), one that reads the snapshot
// and its object on every update, and one that does what the React hooks do (the status on every
// update, the snapshot and object at most once per 16 ms). The growth exponent over the size
// says whether a read costs what changed (~1) or the size of the value (~2). A growing top-level
// array is the worst case: each read hands out a new array (a value once read never changes), so
// it is copied per read, a memcpy of its width; the per-read figure below is that cost. The AI
// SDK's `parsePartialJson` of the whole text per update (what its streamObject does) is the
// peer, measured only at a small size (it is quadratic by design).
import { createJsonParser, createStream } from '../dist/core/index.js'
import {
  chunkBytes,
  median,
  growthExponent,
  interleavedTimes,
  jsonArray,
  openaiChatBody,
  streamOf,
  table,
} from './helpers.mjs'

const SIZES_MB = (process.env.BENCH_JSON_MB ?? '1,2,4').split(',').map(Number)
const TOKEN = 32

function input(mb) {
  const { text, items } = jsonArray(mb * 1e6)
  const tokens = []
  for (let i = 0; i < text.length; i += TOKEN) tokens.push(text.slice(i, i + TOKEN))
  const body = openaiChatBody(tokens, { minimal: true })
  return { mb, items, tokens, text, chunks: chunkBytes(body, 1024, 4096) }
}

/**
 * `read`: `'once'` (the subscriber is only told of updates), `'each'` (the snapshot and its
 * object on every update) or `'frame'` (what the React hooks do: the status on every update,
 * the snapshot and object at most once per 16 ms).
 */
function rivulet(read) {
  return async ({ chunks }) => {
    const controller = createStream({
      fetch: async () =>
        new Response(streamOf(chunks), { headers: { 'content-type': 'text/event-stream' } }),
      format: 'openai-chat',
      retry: false,
      output: 'json',
    })
    let updates = 0
    let seen = 0
    let last = -Infinity
    controller.subscribe(() => {
      updates++
      if (read === 'once') return
      if (read === 'frame') {
        seen += (controller.getStatus?.() ?? controller.getSnapshot().status).length
        if (performance.now() - last < 16) return
        last = performance.now()
      }
      const snapshot = controller.getSnapshot()
      seen += snapshot.text.length
      if (Array.isArray(snapshot.object)) seen += snapshot.object.length
    })
    const result = await controller.start()
    if (result.status !== 'done') throw result.error ?? new Error(result.status)
    return { object: result.object, updates, seen }
  }
}

const ONCE = 'rivulet, snapshot read once at the end'
const EACH = 'rivulet, snapshot and object read on every update'
const FRAME = 'rivulet, status on every update, snapshot and object once per 16 ms'
const variants = { [ONCE]: rivulet('once'), [FRAME]: rivulet('frame') }
if (process.env.BENCH_JSON_EACH !== '0') variants[EACH] = rivulet('each')

let aiParsePartialJson
try {
  ;({ parsePartialJson: aiParsePartialJson } = await import('ai'))
} catch (error) {
  console.log(`AI SDK not measured: ${error.message}`)
}

const rows = []
const points = Object.fromEntries(Object.keys(variants).map((name) => [name, []]))
for (const mb of SIZES_MB) {
  const data = input(mb)
  const check = await variants[FRAME](data)
  if (JSON.stringify(check.object) !== JSON.stringify(JSON.parse(data.text))) {
    console.log(`${mb} MB: WRONG RESULT`)
    process.exitCode = 1
  }
  const fns = Object.fromEntries(
    Object.entries(variants).map(([name, run]) => [name, () => run(data)]),
  )
  const rounds = mb >= 8 ? 1 : 3
  const times = await interleavedTimes(fns, { rounds, warmup: 0 })
  const once = times[ONCE].median
  const each = times[EACH]?.median ?? NaN
  const frame = times[FRAME].median
  for (const [name, { median }] of Object.entries(times)) points[name].push({ n: mb, time: median })
  rows.push({
    size: `${mb} MB (${data.items} items)`,
    updates: check.updates,
    'read once': `${(once / 1000).toFixed(2)} s`,
    'read every update': `${(each / 1000).toFixed(2)} s`,
    ratio: `${(each / once).toFixed(2)}×`,
    'read per 16 ms': `${(frame / 1000).toFixed(2)} s (${(frame / once).toFixed(2)}×)`,
    'extra per read': `${(((each - once) / check.updates) * 1000).toFixed(1)} µs`,
  })
}
console.log(
  `\noutput 'json', a growing array of records, ~${TOKEN}-character events in 1–4 KB chunks`,
)
table(rows)
if (SIZES_MB.length >= 2) {
  for (const [name, series] of Object.entries(points)) {
    console.log(`growth exponent, ${name}: ${growthExponent(series).toFixed(2)}`)
  }
}

if (aiParsePartialJson) {
  // The peer at 62.5 kB only: the whole text parsed again per update is quadratic.
  const { text, tokens } = input(0.0625)
  let acc = ''
  const start = performance.now()
  for (const token of tokens) {
    acc += token
    await aiParsePartialJson(acc)
  }
  const ms = performance.now() - start
  console.log(
    `AI SDK parsePartialJson of the whole text per update, ${(text.length / 1e6).toFixed(2)} MB, ` +
      `${tokens.length} updates, parsing alone: ${(ms / 1000).toFixed(2)} s`,
  )
}

// What one read costs at a given width of the open top-level array: the parser alone, a record
// pushed after each read (so each read is paid by one copy), against the same pushes unread
// and against a bare `slice()` of an array as wide (the memcpy floor).
const record = (i) =>
  JSON.stringify({ id: i, name: `item ${i}`, tags: ['alpha', 'beta'], score: i / 8 })
const perRead = []
for (const width of [10_000, 50_000, 170_000]) {
  const parser = createJsonParser()
  parser.push('[' + Array.from({ length: width }, (_, i) => record(i)).join(','))
  let i = width
  const cycles = 200
  const cycle = (read) => () => {
    for (let k = 0; k < cycles; k++) {
      if (read) void parser.value
      parser.push(',' + record(i++))
    }
  }
  const unread = median(cycle(false), { rounds: 5, warmup: 1 }) / cycles
  const read = median(cycle(true), { rounds: 5, warmup: 1 }) / cycles
  const array = parser.value
  const slice = median(() => array.slice(), { rounds: 15, warmup: 3 })
  perRead.push({
    'open array': `${width} records (~${((width * 62) / 1e6).toFixed(1)} MB)`,
    'push unread': `${(unread * 1000).toFixed(1)} µs`,
    'read + push': `${(read * 1000).toFixed(1)} µs`,
    'cost of a read': `${((read - unread) * 1000).toFixed(0)} µs`,
    'bare slice()': `${(slice * 1000).toFixed(0)} µs`,
  })
}
console.log('\nOne read of a growing top-level array, the parser alone (median of 5 × 200 reads)')
table(perRead)
