import { beforeAll, describe, expect, it } from 'vitest'
import { codeBlocks } from '../helpers/markdown-code.ts'
import {
  typecheckSnippets,
  type Snippet,
  type SnippetDiagnostic,
} from '../helpers/typecheck-snippets.ts'

const readme = new URL('../../README.md', import.meta.url)

// The free names the README's snippets assume, as an app would have them. No rivulet name is
// declared here: every rivulet call in a snippet is checked against the real entry points.
const prelude = `
declare const model: string
declare const messages: { role: 'system' | 'user' | 'assistant'; content: string }[]
declare const prompt: string
declare const text: string
declare const isLoading: boolean
declare function render(text: string): void
declare function getToken(): Promise<string>
`

const checked = new Set(['ts', 'tsx'])

function readmeSnippets(): Snippet[] {
  return codeBlocks(readme)
    .filter((block) => checked.has(block.lang))
    .map((block) => ({
      name: `README.md:${block.line}`,
      code: block.code,
      tsx: block.lang === 'tsx',
    }))
}

describe('README code blocks', () => {
  it('has ts and tsx blocks, and every one imports what it uses from rivulet', () => {
    const snippets = readmeSnippets()
    expect(snippets.length).toBeGreaterThanOrEqual(15)
    const usesRivulet = snippets.filter((s) => /from 'rivulet(\/[\w/]+)?'/.test(s.code))
    expect(usesRivulet.length).toBeGreaterThanOrEqual(12)
    for (const name of ['useChat', 'createStream', 'createChat', 'Chat', 'mockHandler']) {
      expect(prelude).not.toMatch(new RegExp(`\\b${name}\\b`))
    }
  })

  // One program for all blocks and a canary that misuses the API: the check must catch it.
  const canary: Snippet = {
    name: 'canary',
    tsx: false,
    code: "import { createStream } from 'rivulet/core'\ncreateStream({ url: '/x', formt: 'openai-chat' })",
  }
  let problems: SnippetDiagnostic[] = []
  beforeAll(() => {
    problems = typecheckSnippets([...readmeSnippets(), canary], prelude)
  }, 180_000)

  it('every ts and tsx block type-checks against the source entry points', () => {
    const found = problems
      .filter((d) => d.name !== 'canary')
      .map((d) => `${d.name} (+${d.line - 1}): ${d.message}`)
    expect(found).toEqual([])
  })

  it('reports a snippet that misuses the API (the check can fail)', () => {
    const found = problems.filter((d) => d.name === 'canary')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ line: 2 })
    expect(found[0]?.message).toMatch(/formt/)
  })
})
