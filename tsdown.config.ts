import { defineConfig } from 'tsdown'

// Each entry point is built on its own; sibling entries are imported by their public
// name (`rivulet/core`) and stay external, so there is one copy of each module and one
// React context at run time.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'core/index': 'src/core/index.ts',
    'react/index': 'src/react/index.ts',
    'components/index': 'src/components/index.ts',
    'highlight/index': 'src/highlight/index.ts',
    'mock/index': 'src/mock/index.ts',
    'mock/server/index': 'src/mock/server/index.ts',
    'mock/stream/index': 'src/mock/stream/index.ts',
  },
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  deps: {
    // eventsource-parser (MIT, notice in LICENSE) is bundled: 4.x declares Node >= 22.12 though
    // it runs on Node 20, and as a dependency it made every Node 20 install warn EBADENGINE.
    onlyBundle: ['eventsource-parser'],
    neverBundle: [
      /^rivulet(\/|$)/,
      /^react(\/|$)/,
      /^react-dom(\/|$)/,
      /^msw(\/|$)/,
      /^shiki(\/|$)/,
      /^ws$/,
      /^node:/,
    ],
  },
  copy: [{ from: 'src/components/styles.css', to: 'dist' }],
})
