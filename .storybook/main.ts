import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'
import remarkGfm from 'remark-gfm'

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url))

type Alias = { find: string | RegExp; replacement: string }
const toList = (alias: readonly Alias[] | Record<string, string> | undefined): Alias[] =>
  Array.isArray(alias)
    ? [...alias]
    : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }))

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  // The guides (MDX) first, then the stories; preview.ts sorts the Introduction to the top.
  stories: ['../stories/docs/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: [
    // GFM in the MDX pages: their tables (MDX 3 knows CommonMark only).
    {
      name: '@storybook/addon-docs',
      options: { mdxPluginOptions: { mdxCompileOptions: { remarkPlugins: [remarkGfm] } } },
    },
    '@storybook/addon-vitest',
    '@storybook/addon-a11y',
    'msw-storybook-addon',
  ],
  // Serves public/mockServiceWorker.js, the worker msw intercepts the stories' fetches with.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  // Stories import the public entry names (rivulet/react), resolved to src/ as in the tests.
  viteFinal: async (vite) => ({
    ...vite,
    resolve: {
      ...vite.resolve,
      alias: [
        ...toList(vite.resolve?.alias),
        {
          find: /^rivulet\/(core|react|components|mock|highlight)$/,
          replacement: src('$1/index.ts'),
        },
        { find: /^rivulet$/, replacement: src('index.ts') },
      ],
    },
  }),
}

export default config
