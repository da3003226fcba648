// Shared by the bench files: timing, a table printer, and a DOM for React in Node.

/** Median of `rounds` measurements of `fn()` (ms), after `warmup` untimed runs. */
export function median(fn, { rounds = 9, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) fn()
  const times = []
  for (let i = 0; i < rounds; i++) {
    const start = performance.now()
    fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

/** Prints rows of objects as an aligned table. */
export function table(rows) {
  const keys = Object.keys(rows[0] ?? {})
  const cells = [keys, ...rows.map((row) => keys.map((key) => String(row[key])))]
  const widths = keys.map((_, i) => Math.max(...cells.map((line) => line[i].length)))
  for (const line of cells) console.log(line.map((cell, i) => cell.padEnd(widths[i])).join('  '))
}

/** Installs a jsdom window as the global DOM, so react-dom/client can render in Node. */
export async function installDom() {
  const { JSDOM } = await import('jsdom')
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true })
  const { window } = dom
  const globals = {
    window,
    document: window.document,
    navigator: window.navigator,
    HTMLElement: window.HTMLElement,
    Element: window.Element,
    Node: window.Node,
    MutationObserver: window.MutationObserver,
    getComputedStyle: window.getComputedStyle.bind(window),
    requestAnimationFrame: (callback) => setTimeout(() => callback(performance.now()), 0),
    cancelAnimationFrame: (id) => clearTimeout(id),
    IS_REACT_ACT_ENVIRONMENT: false,
  }
  for (const [key, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, key, { value, configurable: true, writable: true })
  }
  return window
}

/** A long technical answer (~`length` characters) made of varied markdown sections. */
export function longAnswer(length) {
  const sections = [
    (i) =>
      `## Step ${i}: configure the stream\n\nTo stream a response, read the body **chunk by chunk** and *decode* it with \`TextDecoderStream\`. See [the spec](https://html.spec.whatwg.org/) for details.\n\n`,
    (i) => `- item ${i} with \`code\`\n- another **bold** item\n  - nested ~~old~~ new\n\n`,
    (i) =>
      `\`\`\`ts\nconst value${i} = await fetch(url, { method: 'POST' })\nfor await (const chunk of value${i}.body) {\n  buffer += decode(chunk)\n}\n\`\`\`\n\n`,
    (i) => `| name | value |\n| --- | ---: |\n| alpha${i} | ${i * 3} |\n| beta | 2 |\n\n`,
    (i) =>
      `> **Note ${i}:** servers may send comments to keep the connection alive, and proxies may buffer.\n\n`,
  ]
  let text = '# A long answer\n\n'
  for (let i = 0; text.length < length; i++) text += sections[i % sections.length](i)
  return text.slice(0, length)
}

/** Runs the collector if node was started with --expose-gc (bench/run.mjs does), so one run's garbage is not billed to the next. */
export function collectGarbage() {
  globalThis.gc?.()
}

/**
 * Median wall time (ms) of the async `fn()` over `rounds` runs, after `warmup` untimed runs,
 * with a forced gc before each run. Medians resist the noise of a machine shared with others.
 */
export async function medianAsync(fn, { rounds = 7, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn()
  const times = []
  for (let i = 0; i < rounds; i++) {
    collectGarbage()
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

/** A small deterministic PRNG (mulberry32), so every run and every variant sees the same input. */
export function seededRandom(seed = 1) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Splits `text` into LLM-like tokens of 1–6 characters (the same cuts for the same seed). */
export function tokenize(text, seed = 7) {
  const random = seededRandom(seed)
  const tokens = []
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(random() * 6)
    tokens.push(text.slice(i, i + size))
    i += size
  }
  return tokens
}

/** `n` tokens of a long markdown answer. */
export function answerTokens(n) {
  const tokens = tokenize(longAnswer(n * 4))
  while (tokens.length < n) tokens.push(' more')
  return tokens.slice(0, n)
}

/** A JSON array of records, `{ id, name, tags, score }`, of at least `chars` characters. */
export function jsonArray(chars) {
  const items = []
  let length = 2
  for (let i = 0; length < chars; i++) {
    const item = JSON.stringify({ id: i, name: `item ${i}`, tags: ['alpha', 'beta'], score: i / 8 })
    items.push(item)
    length += item.length + 1
  }
  return { text: `[${items.join(',')}]`, items: items.length }
}

/** `n` tokens of a JSON array of records that grows to (at least) `n` tokens, closed at the end. */
export function jsonArrayTokens(n) {
  const tokens = tokenize(jsonArray(n * 4).text)
  // Fewer tokens than asked would bias µs/token; more are merged into the last one so the JSON closes.
  return [...tokens.slice(0, n - 1), tokens.slice(n - 1).join('')]
}

/**
 * The body of an OpenAI chat completion stream (`stream: true`, as documented): a role chunk,
 * one chunk per token, a chunk with `finish_reason: "stop"`, then `data: [DONE]`. `minimal`:
 * chunks with only `choices` (~70 B of overhead instead of ~240 B), when the bytes per token
 * would drown what is measured after the decoding.
 */
export function openaiChatBody(tokens, { minimal = false } = {}) {
  const head = minimal
    ? '{"choices":[{"index":0,"delta":'
    : '{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1732330000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1","choices":[{"index":0,"delta":'
  const tail = minimal ? '' : ',"logprobs":null'
  const event = (delta, finish) =>
    `data: ${head}${JSON.stringify(delta)}${tail},"finish_reason":${finish}}]}\n\n`
  const events = [event({ role: 'assistant', content: '' }, 'null')]
  for (const token of tokens) events.push(event({ content: token }, 'null'))
  events.push(event({}, '"stop"'), 'data: [DONE]\n\n')
  return new TextEncoder().encode(events.join(''))
}

/** Cuts `bytes` into chunks of `min`–`max` bytes (seeded), the way a network delivers a body. */
export function chunkBytes(bytes, min, max = min, seed = 3) {
  const random = seededRandom(seed)
  const chunks = []
  for (let i = 0; i < bytes.length;) {
    const size = min + Math.floor(random() * (max - min + 1))
    chunks.push(bytes.subarray(i, i + size))
    i += size
  }
  return chunks
}

/** A fresh body stream that hands out `chunks` one per pull, as a fetch body does. */
export function streamOf(chunks) {
  let i = 0
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++])
      else controller.close()
    },
  })
}

/** A 32-bit FNV-1a hash (hex) and the length of `text`: equal texts print equal checksums. */
export function checksum(text) {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return `${(hash >>> 0).toString(16).padStart(8, '0')}/${text.length}`
}

/**
 * The growth exponent of `time` in `n`: the least-squares slope of log(time) over log(n).
 * About 1 when the per-item cost is flat, about 2 when it grows with the input (quadratic).
 */
export function growthExponent(points) {
  const xs = points.map((p) => Math.log(p.n))
  const ys = points.map((p) => Math.log(p.time))
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  let num = 0
  let den = 0
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my)
    den += (xs[i] - mx) ** 2
  }
  return num / den
}

/**
 * Times of each async function in `fns` (an object of name → fn), measured in interleaved
 * rounds: every round runs each function once, in a rotating order, with a forced gc before each
 * run (`gc: false` leaves the heap as the runs before left it: the steady state of a process). On a machine shared with other work, load then falls on all of them alike, so their
 * ratios hold better than with one function timed after the other. Returns, per function, the
 * median and the best (minimum) wall time in ms (the best is the least disturbed by other
 * processes) and `cpu`, the median of this process's CPU time (user + system, the collector's
 * threads included): it leaves out the time spent waiting for a core, so its ratios hold when
 * the load average is high.
 */
export async function interleavedTimes(fns, { rounds = 7, warmup = 1, gc = true } = {}) {
  const names = Object.keys(fns)
  const wall = Object.fromEntries(names.map((name) => [name, []]))
  const cpu = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]
      if (gc) collectGarbage()
      const used = process.cpuUsage()
      const start = performance.now()
      await fns[name]()
      const ms = performance.now() - start
      const { user, system } = process.cpuUsage(used)
      if (round < warmup) continue
      wall[name].push(ms)
      cpu[name].push((user + system) / 1000)
    }
  }
  const stats = (list) => {
    const sorted = list.sort((a, b) => a - b)
    return { median: sorted[Math.floor(sorted.length / 2)], best: sorted[0] }
  }
  return Object.fromEntries(
    names.map((name) => [name, { ...stats(wall[name]), cpu: stats(cpu[name]).median }]),
  )
}

/**
 * esbuild's bundle of `contents` (a page module at the repository root) as an app would ship
 * it: minified ESM for the browser, code splitting, React external, nothing written, with a
 * metafile. `pageLoader` is the page's own language ('js' or 'ts'); `options` add to esbuild's.
 */
export async function bundlePage(contents, { pageLoader = 'js', ...options } = {}) {
  const esbuild = await import('esbuild')
  return esbuild.build({
    stdin: {
      contents,
      resolveDir: process.cwd(),
      loader: pageLoader,
      sourcefile: `page.${pageLoader}`,
    },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: 'bench-out',
    write: false,
    metafile: true,
    external: ['react', 'react/jsx-runtime', 'react-dom'],
    logLevel: 'silent',
    ...options,
  })
}

/**
 * The output chunks (metafile `outputs` paths) that `roots` load through imports of the given
 * kinds, the roots included: with the default, what a chunk loads statically (shared chunks,
 * not lazy ones).
 */
export function chunkClosure(outputs, roots, kinds = ['import-statement']) {
  const seen = new Set()
  const visit = (path) => {
    if (seen.has(path)) return
    seen.add(path)
    for (const next of outputs[path].imports)
      if (!next.external && kinds.includes(next.kind)) visit(next.path)
  }
  roots.forEach(visit)
  return seen
}
