import { readdirSync, readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { codeBlocks } from '../helpers/markdown-code.ts'
import {
  typecheckSnippets,
  type Snippet,
  type SnippetDiagnostic,
} from '../helpers/typecheck-snippets.ts'

const dir = new URL('../../stories/docs/', import.meta.url)
const pages = readdirSync(dir)
  .filter((name) => name.endsWith('.mdx'))
  .sort()

// The free names the guides' snippets assume, as an app would have them.
const prelude = `
declare const prompt: string
declare function getToken(): Promise<string>
`

function snippets(): Snippet[] {
  return pages.flatMap((page) =>
    codeBlocks(new URL(page, dir))
      .filter((block) => block.lang === 'ts' || block.lang === 'tsx')
      .map((block) => ({
        name: `stories/docs/${page}:${block.line}`,
        code: block.code,
        tsx: block.lang === 'tsx',
      })),
  )
}

const title = (page: string) =>
  /<Meta title="([^"]+)" \/>/.exec(readFileSync(new URL(page, dir), 'utf8'))?.[1]

describe('Storybook docs pages', () => {
  it('has the Introduction and a guide per topic', () => {
    expect(pages.map(title).sort()).toEqual(
      [
        'API/Components',
        'Guides/Accessibility',
        'Guides/Errors',
        'Guides/Formats',
        'Guides/Markdown safety',
        'Guides/Retry and resume',
        'Guides/Theming',
        'Introduction',
      ].sort(),
    )
  })

  it('sorts the Introduction first, so Storybook opens on it', () => {
    const preview = readFileSync(new URL('../../.storybook/preview.ts', import.meta.url), 'utf8')
    expect(preview).toMatch(/order: \[\s*'Introduction',/)
    expect(preview).toMatch(/tags: \['autodocs'\]/)
  })

  it('API/Components shows the props of every component rivulet/components exports', async () => {
    const components = await import('rivulet/components')
    const page = readFileSync(new URL('api-components.mdx', dir), 'utf8')
    const documented = new Set([...page.matchAll(/<ArgTypes of=\{(\w+)\} \/>/g)].map((m) => m[1]))
    const parts = Object.entries(components)
      .filter(([name, value]) => /^[A-Z]/.test(name) && name !== 'Slot' && value !== undefined)
      .filter(([, value]) => typeof value === 'function' || typeof value === 'object')
      .map(([name]) => name)
    expect(parts.length).toBeGreaterThanOrEqual(20)
    expect(parts.filter((name) => !documented.has(name))).toEqual([])
  })

  let problems: SnippetDiagnostic[] = []
  beforeAll(() => {
    problems = typecheckSnippets(snippets(), prelude)
  }, 180_000)

  it('every ts and tsx block type-checks against the source entry points', () => {
    expect(snippets().length).toBeGreaterThanOrEqual(8)
    expect(problems.map((d) => `${d.name} (+${d.line - 1}): ${d.message}`)).toEqual([])
  })
})
