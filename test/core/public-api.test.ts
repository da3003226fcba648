import { expect, test } from 'vitest'

// The export lists of the entry points, so that API growth (or a lost export) is a visible,
// reviewed change. Types are checked by `tsc` against the same entry names.
test.each([
  ['rivulet', () => import('rivulet')],
  ['rivulet/core', () => import('rivulet/core')],
  ['rivulet/react', () => import('rivulet/react')],
  ['rivulet/components', () => import('rivulet/components')],
  ['rivulet/highlight', () => import('rivulet/highlight')],
  ['rivulet/mock', () => import('rivulet/mock')],
  ['rivulet/mock/stream', () => import('rivulet/mock/stream')],
  ['rivulet/mock/server', () => import('rivulet/mock/server')],
])('%s exports exactly its public API', async (_name, load) => {
  expect(Object.keys(await load()).sort()).toMatchSnapshot()
})
