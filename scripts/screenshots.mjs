// Captures the main chat stories in light and dark at 375 and 1280 px, in real Chromium, into
// screenshots/ (git-ignored). Uses a running Storybook (STORYBOOK_URL) or starts one itself.
//   npm run screenshots                       # starts Storybook dev on a free port
//   STORYBOOK_URL=http://localhost:6006 npm run screenshots
//   npm run screenshots -- chat-chat--conversation   # only these story ids
import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import { chromium } from 'playwright'

/** The stories that are worth a picture: the ones a person meets first, and every state. */
export const STORIES = [
  'chat-chat--conversation',
  'chat-chat--three-turns',
  'chat-chat--custom-theme',
  'faults--rate-limited',
  'faults--server-error',
  'faults--truncated',
  'faults--user-stop',
  'faults--unauthorised',
  'components-message--assistant-answer',
  'components-message--user-message',
  'components-composer--empty',
]
const WIDTHS = [375, 1280]
const SCHEMES = ['light', 'dark']
const OUT = new URL('../screenshots/', import.meta.url)

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

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

/** Waits until the story's chat settled: no answer streaming, and nothing changed for a while. */
async function settle(page) {
  await page.waitForSelector('#storybook-root > *', { timeout: 30_000 })
  await page.waitForFunction(
    () => {
      const w = window
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

const only = process.argv.slice(2)
const stories = only.length > 0 ? only : STORIES
const server = process.env.STORYBOOK_URL
  ? { url: process.env.STORYBOOK_URL, stop: () => {} }
  : await startStorybook()
await mkdir(OUT, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
let failed = 0
try {
  for (const id of stories) {
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
          console.log(`${name}${overflow > 0 ? `  (horizontal overflow ${overflow}px)` : ''}`)
        } catch (error) {
          failed++
          console.log(`${name}  FAILED: ${error.message.split('\n')[0]}`)
        } finally {
          await page.close()
        }
      }
    }
  }
} finally {
  await browser.close()
  server.stop()
}
process.exitCode = failed > 0 ? 1 : 0
