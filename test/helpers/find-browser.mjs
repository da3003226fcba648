// Which Chromium the browser tests and the scripts launch, found the usual ways: CHROMIUM_PATH,
// then a system Chromium or Chrome, then a Chromium that Playwright has already downloaded.
// Plain JavaScript so that node scripts import it as well as vitest.config.ts.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'

const linuxNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

/** Where each platform's Chromium and Chrome are installed, most specific first. */
export function systemCandidates(platform, env) {
  if (platform === 'darwin') {
    const apps = ['/Applications', env.HOME && join(env.HOME, 'Applications')].filter(Boolean)
    return apps.flatMap((dir) => [
      `${dir}/Chromium.app/Contents/MacOS/Chromium`,
      `${dir}/Google Chrome.app/Contents/MacOS/Google Chrome`,
    ])
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean)
    return roots.flatMap((root) => [
      `${root}\\Chromium\\Application\\chrome.exe`,
      `${root}\\Google\\Chrome\\Application\\chrome.exe`,
    ])
  }
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean)
  const dirs = ['/usr/bin', ...onPath.filter((dir) => dir !== '/usr/bin'), '/snap/bin']
  return linuxNames.flatMap((name) => dirs.map((dir) => `${dir}/${name}`))
}

/** The one line that says how to get a browser on this platform. */
export function browserHint(platform) {
  const install =
    platform === 'darwin'
      ? 'install Google Chrome or `brew install --cask chromium`'
      : platform === 'win32'
        ? 'install Google Chrome (`winget install Google.Chrome`)'
        : 'install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`)'
  return `No Chromium or Chrome found for the browser tests: ${install}, or run \`npx playwright install chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome executable.`
}

/**
 * Finds the Chromium to launch. Everything it looks at can be passed in (tests do):
 * `env`, `platform`, `exists` (a path test) and `playwrightPath` (where Playwright keeps its
 * own Chromium, whether or not it was downloaded).
 * @returns {{ path: string, source: string } | { path: undefined, hint: string }}
 */
export function findBrowser({
  env = process.env,
  platform = process.platform,
  exists = existsSync,
  playwrightPath = defaultPlaywrightPath,
} = {}) {
  if (env.CHROMIUM_PATH) {
    if (exists(env.CHROMIUM_PATH)) return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
    return {
      path: undefined,
      hint: `CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist: point it at a Chromium or Chrome executable, or unset it.`,
    }
  }
  const system = systemCandidates(platform, env).find((path) => exists(path))
  if (system) return { path: system, source: 'system' }
  const downloaded = playwrightPath()
  if (downloaded && exists(downloaded)) return { path: downloaded, source: 'playwright' }
  return { path: undefined, hint: browserHint(platform) }
}

// Playwright's public answer to "where would my Chromium be"; it need not have been downloaded.
function defaultPlaywrightPath() {
  try {
    return createRequire(import.meta.url)('playwright').chromium.executablePath()
  } catch {
    return undefined
  }
}

/** For scripts that launch Chromium: its path, or the one-line hint on stderr and exit code 1. */
export function browserPathOrExit(options) {
  const found = findBrowser(options)
  if (found.path !== undefined) return found.path
  process.stderr.write(`${found.hint}\n`)
  process.exit(1)
}
