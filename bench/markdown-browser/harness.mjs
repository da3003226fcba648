// The in-page side of the browser bench: mounts one library's element in a React root and
// streams text into it, one synchronous commit (flushSync) per token, timing each commit.
// Every page bundles this file with one library, so libraries never share a heap.
import { createElement } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'

// Yield to the event loop (a macrotask without setTimeout's 4 ms clamp) so work a library
// schedules after a commit runs, and the page stays responsive to the driver.
const channel = new MessageChannel()
const queue = []
channel.port1.onmessage = () => queue.shift()?.()
const yieldTask = () =>
  new Promise((resolve) => (queue.push(resolve), channel.port2.postMessage(0)))

/** Installs `window.bench` for `render(text, streaming)`, which returns the element to mount. */
export function install(render) {
  let root
  let container
  const mount = () => {
    container = document.createElement('div')
    document.body.append(container)
    root = createRoot(container)
  }
  const show = (text, streaming) => flushSync(() => root.render(render(text, streaming)))

  window.bench = {
    /**
     * Streams `text` from offset `start` in chunks of `sizes`, stopping after `maxUpdates`
     * updates or once the timed work exceeds `budgetMs`. Returns per-update ms (render +
     * commit, plus a forced layout with `layout`), the JS-only part and the lengths.
     */
    async stream({
      text,
      start = 0,
      sizes,
      maxUpdates = Infinity,
      budgetMs = Infinity,
      prepared,
      layout,
    }) {
      if (!root) mount()
      if (start > 0 && !prepared) show(text.slice(0, start), true)
      await yieldTask()
      const times = []
      const commits = []
      const lengths = []
      let offset = start
      let spent = 0
      let slice = performance.now()
      const wallStart = performance.now()
      for (let i = 0; offset < text.length && times.length < maxUpdates; i++) {
        offset = Math.min(text.length, offset + sizes[i % sizes.length])
        const prefix = text.slice(0, offset)
        const t0 = performance.now()
        try {
          show(prefix, true)
        } catch (error) {
          // A library that throws (React's update-depth limit, a stack overflow) ends its run
          // here and says how far it got.
          const wallMs = performance.now() - wallStart
          return {
            times,
            commits,
            lengths,
            wallMs,
            completed: false,
            error: String(error.message ?? error).slice(0, 120),
          }
        }
        const t1 = performance.now()
        // With `layout`, also force style and layout of what the commit changed, as the browser
        // must before the token can be seen (`commits` keeps the JS-only part apart).
        if (layout) void container.offsetHeight
        const dt = performance.now() - t0
        times.push(dt)
        commits.push(t1 - t0)
        lengths.push(offset)
        spent += dt
        if (spent > budgetMs) break
        if (performance.now() - slice > 30) {
          await yieldTask()
          slice = performance.now()
        }
      }
      const wallMs = performance.now() - wallStart
      return { times, commits, lengths, wallMs, completed: offset >= text.length }
    },
    /** Renders `text` up to `start` as a stream would have (untimed). */
    prepare(text, start) {
      if (!root) mount()
      show(text.slice(0, start), true)
    },
    /** Renders the finished text (streaming over). Returns ms. */
    finish(text) {
      if (!root) mount()
      const t0 = performance.now()
      show(text, false)
      return performance.now() - t0
    },
    /** Nodes (elements and text) under the mount point. */
    nodeCount() {
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_ALL)
      let count = 0
      while (walker.nextNode()) count++
      return count
    },
    unmount() {
      root?.unmount()
      container?.remove()
      root = undefined
    },
  }
}

export { createElement }
