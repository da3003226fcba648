// Per-update cost of rendering a growing answer: append small chunks (~4 characters, like
// LLM tokens) to answers of several lengths and time parse + render + DOM commit per update,
// for rivulet's StreamingMarkdown against react-markdown (+ remark-gfm) and streamdown,
// measured in the same run.
import { installDom, longAnswer, median, table } from './helpers.mjs'

await installDom()
const React = await import('react')
const { createRoot } = await import('react-dom/client')
const { flushSync } = await import('react-dom')
const { StreamingMarkdown } = await import('../dist/components/index.js')

const peers = {
  rivulet: (text) =>
    React.createElement(StreamingMarkdown, { text, streaming: true, highlight: false }),
}
try {
  const { default: Markdown } = await import('react-markdown')
  const { default: remarkGfm } = await import('remark-gfm')
  peers['react-markdown+gfm'] = (text) =>
    React.createElement(Markdown, { remarkPlugins: [remarkGfm] }, text)
} catch (error) {
  console.log(`react-markdown not measured: ${error.message}`)
}
try {
  const { Streamdown } = await import('streamdown')
  peers.streamdown = (text) =>
    React.createElement(
      Streamdown,
      { isAnimating: true, parseIncompleteMarkdown: true, controls: false },
      text,
    )
} catch (error) {
  console.log(`streamdown not measured: ${error.message}`)
}

const CHUNK = 4
const UPDATES = 40
const lengths = [1_000, 5_000, 20_000]
const answer = longAnswer(Math.max(...lengths) + CHUNK * UPDATES)
const results = {}

for (const length of lengths) {
  for (const [name, element] of Object.entries(peers)) {
    const container = document.createElement('div')
    document.body.append(container)
    const root = createRoot(container)
    let offset = length
    // One measurement = one update appending the next chunk to the text already shown.
    const perUpdate = median(
      () => {
        offset += CHUNK
        flushSync(() => root.render(element(answer.slice(0, offset))))
      },
      { rounds: UPDATES, warmup: 3 },
    )
    flushSync(() => root.render(element(answer.slice(0, length))))
    root.unmount()
    container.remove()
    results[name] ??= {}
    results[name][length] = perUpdate
  }
}

const base = results.rivulet
const rows = Object.entries(results).map(([name, byLength]) => {
  const row = { library: name }
  for (const length of lengths) {
    row[`${length / 1000}k chars ms/update`] = byLength[length].toFixed(3)
    row[`${length / 1000}k vs rivulet`] = `${(byLength[length] / base[length]).toFixed(1)}x`
  }
  // Growth exponent of cost against answer length (0 = constant, 1 = linear).
  const growth =
    Math.log(byLength[lengths.at(-1)] / byLength[lengths[0]]) /
    Math.log(lengths.at(-1) / lengths[0])
  row['growth exponent'] = growth.toFixed(2)
  return row
})
console.log(
  `median time per update (append ${CHUNK} chars), ${UPDATES} updates per length; jsdom + react-dom, Node ${process.version}`,
)
table(rows)
