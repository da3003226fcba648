// What the CI scripts that drive a built app in Chromium share: a free port, a server
// started in its own process group and waited for, and the system Chromium.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { chromium } from 'playwright'
import { browserPathOrExit } from '../test/helpers/find-browser.mjs'

/** A TCP port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Polls `url` until it answers 2xx; fails early when `child` exits. */
export async function waitForPage(url, child, label = 'server') {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await sleep(500)
  }
  throw new Error(`${label} did not answer at ${url}`)
}

/**
 * Starts `command args` in `cwd` in its own process group, collecting its output.
 * `stop()` ends that group only.
 */
export function startProcess(command, args, { cwd, env = process.env } = {}) {
  const child = spawn(command, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let log = ''
  child.stdout.on('data', (chunk) => (log += chunk))
  child.stderr.on('data', (chunk) => (log += chunk))
  return {
    child,
    log: () => log,
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    },
  }
}

/** The machine's Chromium (never a downloaded one). */
export function launchChromium() {
  return chromium.launch({
    executablePath: browserPathOrExit(),
    args: ['--no-sandbox', '--disable-gpu'],
  })
}

/** Waits until the chat's (first) assistant answer on `page` has `data-status` = `status`. */
export function answerStatus(page, status, timeout) {
  return page.waitForFunction(
    (wanted) =>
      document
        .querySelector('[data-slot="message"][data-role="assistant"]')
        ?.getAttribute('data-status') === wanted,
    status,
    { timeout },
  )
}
