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
