import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { findBrowser } from './find-browser.mjs'

// The decision only: every input is injected, nothing on this machine is looked at.
const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path)
const noPlaywright = () => undefined
const linux = { platform: 'linux', playwrightPath: noPlaywright }

describe('findBrowser', () => {
  test('takes CHROMIUM_PATH first when it exists', () => {
    const found = findBrowser({
      ...linux,
      env: { CHROMIUM_PATH: '/opt/chrome/chrome' },
      exists: only('/opt/chrome/chrome', '/usr/bin/chromium'),
    })
    expect(found).toEqual({ path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' })
  })

  test('says so when CHROMIUM_PATH names nothing, rather than launching another browser', () => {
    const found = findBrowser({
      ...linux,
      env: { CHROMIUM_PATH: '/nope/chrome' },
      exists: only('/usr/bin/chromium'),
    })
    expect(found).toEqual({
      path: undefined,
      hint: 'CHROMIUM_PATH is /nope/chrome, which does not exist: point it at a Chromium or Chrome executable, or unset it.',
    })
  })

  test('on Linux prefers /usr/bin/chromium, then the other names, then PATH and snap', () => {
    const find = (...present: string[]) =>
      findBrowser({ ...linux, env: { PATH: '/home/me/bin:/usr/bin' }, exists: only(...present) })
        .path
    expect(find('/usr/bin/google-chrome', '/usr/bin/chromium')).toBe('/usr/bin/chromium')
    expect(find('/usr/bin/google-chrome', '/usr/bin/chromium-browser')).toBe(
      '/usr/bin/chromium-browser',
    )
    expect(find('/usr/bin/google-chrome-stable')).toBe('/usr/bin/google-chrome-stable')
    expect(find('/home/me/bin/chromium')).toBe('/home/me/bin/chromium')
    expect(find('/snap/bin/chromium')).toBe('/snap/bin/chromium')
  })

  test('on macOS finds Chromium or Chrome in /Applications or ~/Applications', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    const mine = '/Users/me/Applications/Chromium.app/Contents/MacOS/Chromium'
    const mac = { platform: 'darwin', env: { HOME: '/Users/me' }, playwrightPath: noPlaywright }
    expect(findBrowser({ ...mac, exists: only(chrome) })).toEqual({
      path: chrome,
      source: 'system',
    })
    expect(findBrowser({ ...mac, exists: only(mine) }).path).toBe(mine)
    expect(findBrowser({ ...mac, exists: only('/usr/bin/chromium') }).path).toBeUndefined()
  })

  test('on Windows finds Chrome under Program Files or the user’s LocalAppData', () => {
    const env = {
      PROGRAMFILES: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
    }
    const win = { platform: 'win32', env, playwrightPath: noPlaywright }
    const system = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'
    const user = 'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'
    expect(findBrowser({ ...win, exists: only(system, user) }).path).toBe(system)
    expect(findBrowser({ ...win, exists: only(user) }).path).toBe(user)
  })

  test('falls back to a Chromium Playwright has downloaded, only if it is there', () => {
    const cached = '/home/me/.cache/ms-playwright/chromium-1/chrome-linux64/chrome'
    const options = { platform: 'linux', env: {}, playwrightPath: () => cached }
    expect(findBrowser({ ...options, exists: only(cached) })).toEqual({
      path: cached,
      source: 'playwright',
    })
    expect(findBrowser({ ...options, exists: only() }).path).toBeUndefined()
    expect(findBrowser({ ...options, exists: only(cached, '/usr/bin/chromium') }).path).toBe(
      '/usr/bin/chromium',
    )
  })

  test('with no browser, gives one line saying how to get one on this platform', () => {
    const none = { env: {}, exists: only(), playwrightPath: noPlaywright }
    const hint = (platform: string) => {
      const found = findBrowser({ ...none, platform })
      if (found.path !== undefined) throw new Error(`found ${found.path}`)
      return found.hint
    }
    for (const platform of ['linux', 'darwin', 'win32']) {
      expect(hint(platform)).not.toContain('\n')
      expect(hint(platform)).toContain('npx playwright install chromium')
      expect(hint(platform)).toContain('CHROMIUM_PATH')
    }
    expect(hint('linux')).toContain('apt-get install chromium')
    expect(hint('darwin')).toContain('brew install --cask chromium')
    expect(hint('win32')).toContain('winget install Google.Chrome')
  })
})

describe('browserPathOrExit, as the scripts and the browser projects call it', () => {
  const module = fileURLToPath(new URL('./find-browser.mjs', import.meta.url))
  const run = (env: Record<string, string>) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { browserPathOrExit as f } from ${JSON.stringify(module)}; console.log(f())`,
      ],
      { env: { ...process.env, ...env }, encoding: 'utf8' },
    )

  test('prints the path it found', () => {
    const out = run({ CHROMIUM_PATH: process.execPath })
    expect(out.status).toBe(0)
    expect(out.stdout.trim()).toBe(process.execPath)
  })

  test('with nothing to launch, stops with one line on stderr and exit code 1', () => {
    const out = run({ CHROMIUM_PATH: '/nonexistent/chromium' })
    expect(out.status).toBe(1)
    expect(out.stdout).toBe('')
    expect(out.stderr.trim().split('\n')).toHaveLength(1)
    expect(out.stderr).toContain('CHROMIUM_PATH is /nonexistent/chromium, which does not exist')
  })
})
