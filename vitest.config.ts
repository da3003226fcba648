import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import type { BrowserCommand } from 'vitest/node'
import { findBrowser } from './test/helpers/find-browser.mjs'
import { transportCommands } from './test/browser/transport-servers.ts'

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

// Tests import the public entry names, exactly as users do (zustand's alias pattern).
const alias = [
  { find: /^rivulet\/mock\/(server|stream)$/, replacement: src('mock/$1/index.ts') },
  { find: /^rivulet\/(core|react|components|mock|highlight)$/, replacement: src('$1/index.ts') },
  { find: /^rivulet$/, replacement: src('index.ts') },
]

// CHROMIUM_PATH, else the system Chromium or Chrome, else one Playwright already downloaded
// (never a download); --headless comes from `headless: true`. With none, requireBrowser stops
// the browser projects with a one-line hint.
const chromium = playwright({
  launchOptions: {
    executablePath: findBrowser().path,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
})
// `commands.emulateColorScheme('dark')` in a browser test: the page's prefers-color-scheme.
const emulateColorScheme: BrowserCommand<['light' | 'dark' | null]> = async (context, scheme) => {
  if (!('page' in context)) throw new Error('emulateColorScheme needs the playwright provider')
  await context.page.emulateMedia({ colorScheme: scheme })
}

// A fresh object per project: vitest writes the project name into `instances`.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: chromium,
  instances: [{ browser: 'chromium' as const }],
  commands: { emulateColorScheme, ...transportCommands },
})
const requireBrowser = 'test/helpers/require-browser.ts'

const browserTests = 'test/**/*.browser.test.{ts,tsx}'

// The exhaustive suites (every prefix, every byte offset or cut) are `*.exhaustive.test.*`.
// `npm test` runs them; `vitest --mode fast` (`npm run test:fast`) leaves them out.
const exhaustiveTests = 'test/**/*.exhaustive.test.{ts,tsx}'
const unitExclude = (mode: string) =>
  mode === 'fast' ? [browserTests, exhaustiveTests] : [browserTests]

// React 18, the other peer major, in the react18 project only: `react` and `react-dom` (and
// every subpath) become the npm aliases react-18 and react-dom-18, for Vite (tests and sources)
// and, through a preload, for Node (the CommonJS inside react-dom and @testing-library/react).
const react18Alias = [{ find: /^(react|react-dom)(\/.*)?$/, replacement: '$1-18$2' }]
// A file: URL, which --import takes on every platform (a bare Windows path it does not).
const react18Preload = new URL('./test/helpers/react18-resolve.mjs', import.meta.url).href

export default defineConfig(({ mode }) => ({
  plugins: [react()],
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/core/**/*.test.ts',
            'test/mock/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/docs/**/*.test.ts',
            'test/helpers/**/*.test.ts',
          ],
          exclude: unitExclude(mode),
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: [
            'test/react/**/*.test.{ts,tsx}',
            'test/components/**/*.test.{ts,tsx}',
            'test/highlight/**/*.test.{ts,tsx}',
          ],
          exclude: unitExclude(mode),
          setupFiles: ['test/helpers/dom-setup.ts'],
        },
      },
      {
        extends: true,
        resolve: { alias: react18Alias },
        test: {
          name: 'react18',
          environment: 'jsdom',
          include: [
            'test/react18/**/*.test.{ts,tsx}',
            'test/react/**/*.test.{ts,tsx}',
            'test/components/**/*.test.{ts,tsx}',
            'test/highlight/**/*.test.{ts,tsx}',
          ],
          exclude: unitExclude(mode),
          setupFiles: ['test/helpers/dom-setup.ts'],
          execArgv: ['--import', react18Preload],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [browserTests],
          browser: browser(),
          // One file at a time: every file's iframe shares the page's keyboard, so two files
          // typing at once interleave their keystrokes (a question typed into the wrong chat).
          fileParallelism: false,
          globalSetup: [requireBrowser],
        },
      },
      {
        // Every story in stories/ renders in Chromium; its play function and axe run as a test.
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        // One story file at a time, for the same reason: plays type into the page's keyboard.
        test: {
          name: 'storybook',
          browser: browser(),
          globalSetup: [requireBrowser],
          fileParallelism: false,
        },
      },
    ],
  },
}))
