// Captures the main chat stories in light and dark at 375 and 1280 px, in real Chromium, into
// screenshots/ (git-ignored). Uses a running Storybook (STORYBOOK_URL) or starts one itself.
//   npm run screenshots                       # starts Storybook dev on a free port
//   STORYBOOK_URL=http://localhost:6006 npm run screenshots
//   npm run screenshots -- chat-chat--conversation   # only these story ids
// Each story also gets <id>.sheet.png: its four pictures side by side.
import { spawn } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import { chromium } from 'playwright'
import { freePort } from '../.ci/browser-helpers.mjs'
import { browserPathOrExit } from '../test/helpers/find-browser.mjs'

/**
 * The stories worth a picture, chosen by title from Storybook's own index (so an id can never
 * go stale): the chat a person meets first, every fault state, and each chat part.
 */
const TITLES = [/^Chat\/Chat$/, /^Faults$/, /^Examples\//, /^Components\/(?!StreamingMarkdown)/]
const WIDTHS = [375, 1280]
const SCHEMES = ['light', 'dark']
const OUT = new URL('../screenshots/', import.meta.url)

async function waitForServer(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`Storybook did not answer at ${url}`)
}

async function startStorybook() {
  const port = await freePort()
  const child = spawn('npx', ['storybook', 'dev', '-p', String(port), '--ci', '--no-open'], {
    stdio: 'ignore',
    detached: true,
  })
  const url = `http://127.0.0.1:${port}`
  await waitForServer(`${url}/iframe.html`, Date.now() + 180_000)
  return { url, stop: () => process.kill(-child.pid, 'SIGTERM') }
}

/**
 * Waits until the story's play function finished and its chat settled: no answer streaming,
 * and nothing changed for a while.
 */
async function settle(page) {
  await page.waitForSelector('#storybook-root > *', { timeout: 30_000 })
  await page.waitForFunction(
    () => {
      const w = window
      // The play function has finished (Storybook's render phase), when the preview tells.
      const phase = w.__STORYBOOK_PREVIEW__?.currentRender?.phase
      if (phase !== undefined && !['finished', 'completed', 'errored', 'aborted'].includes(phase)) {
        w.__stableSince = Date.now()
        return false
      }
      const chat = document.querySelector('[data-slot="chat"]')
      const status = chat?.getAttribute('data-status') ?? 'idle'
      const busy = ['connecting', 'streaming', 'retrying'].includes(status)
      const html = document.body.innerHTML.length
      const now = Date.now()
      if (busy || w.__lastHtml !== html) {
        w.__lastHtml = html
        w.__stableSince = now
        return false
      }
      return now - (w.__stableSince ?? now) > 1500
    },
    undefined,
    { timeout: 60_000, polling: 250 },
  )
}

/** Every story id with its title, from the running Storybook's index.json. */
async function storyIndex(url) {
  const response = await fetch(`${url}/index.json`)
  if (!response.ok) throw new Error(`no story index at ${url}/index.json (${response.status})`)
  const { entries } = await response.json()
  return Object.values(entries).filter((entry) => entry.type === 'story')
}

/** The four pictures of one story side by side, one sheet to look at. */
async function contactSheet(browser, id, names) {
  const page = await browser.newPage({ viewport: { width: 2400, height: 900 } })
  const cells = []
  for (const name of names) {
    const data = (await readFile(new URL(name, OUT))).toString('base64')
    cells.push(
      `<figure><img src="data:image/png;base64,${data}"><figcaption>${name}</figcaption></figure>`,
    )
  }
  await page.setContent(
    `<style>body{margin:0;display:flex;gap:8px;align-items:flex-start;background:#888;font:14px sans-serif}
    figure{margin:0}img{display:block;max-width:640px}</style>${cells.join('')}`,
  )
  await page.waitForFunction(() => [...document.images].every((image) => image.complete))
  await page.screenshot({ path: new URL(`${id}.sheet.png`, OUT).pathname, fullPage: true })
  await page.close()
}

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
if (process.argv.includes('--sheets-only')) {
  // Re-make the sheets from the pictures already in screenshots/ (no Storybook).
  const { readdir } = await import('node:fs/promises')
  const files = (await readdir(OUT)).filter((file) => /\.(light|dark)\.\d+\.png$/.test(file))
  const ids = [...new Set(files.map((file) => file.replace(/\.(light|dark)\.\d+\.png$/, '')))]
  const browser = await chromium.launch({
    executablePath: browserPathOrExit(),
    args: ['--no-sandbox', '--disable-gpu'],
  })
  for (const id of ids) {
    const names = SCHEMES.flatMap((scheme) => WIDTHS.map((width) => `${id}.${scheme}.${width}.png`))
    await contactSheet(
      browser,
      id,
      names.filter((name) => files.includes(name)),
    )
  }
  await browser.close()
  process.exit(0)
}
const server = process.env.STORYBOOK_URL
  ? { url: process.env.STORYBOOK_URL, stop: () => {} }
  : await startStorybook()
let index
try {
  index = await storyIndex(server.url)
} catch (error) {
  server.stop()
  throw error
}
const known = new Set(index.map((entry) => entry.id))
const unknown = only.filter((id) => !known.has(id))
if (unknown.length > 0) {
  server.stop()
  throw new Error(`unknown story ids: ${unknown.join(', ')}`)
}
const stories =
  only.length > 0
    ? only
    : index.filter((entry) => TITLES.some((title) => title.test(entry.title))).map((e) => e.id)
console.log(`${stories.length} stories: ${stories.join(' ')}`)
await mkdir(OUT, { recursive: true })
const browser = await chromium.launch({
  executablePath: browserPathOrExit(),
  args: ['--no-sandbox', '--disable-gpu'],
})
let failed = 0
try {
  for (const id of stories) {
    const names = []
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        const page = await browser.newPage({
          viewport: { width, height: width < 600 ? 740 : 800 },
          colorScheme: scheme,
          reducedMotion: 'reduce',
        })
        const name = `${id}.${scheme}.${width}.png`
        try {
          await page.goto(`${server.url}/iframe.html?id=${id}&viewMode=story`)
          await settle(page)
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          )
          await page.screenshot({ path: new URL(name, OUT).pathname })
          names.push(name)
          console.log(`${name}${overflow > 0 ? `  (horizontal overflow ${overflow}px)` : ''}`)
        } catch (error) {
          failed++
          console.log(`${name}  FAILED: ${error.message.split('\n')[0]}`)
        } finally {
          await page.close()
        }
      }
    }
    if (names.length > 0) await contactSheet(browser, id, names)
  }
} finally {
  await browser.close()
  server.stop()
}
process.exitCode = failed > 0 ? 1 : 0
