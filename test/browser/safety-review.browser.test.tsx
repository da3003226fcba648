import { cleanup, render } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { codePointPrefixes, findUnsafe } from '../components/fixtures/find-unsafe.ts'
import { allVectors } from '../components/fixtures/xss-vectors.ts'

afterEach(cleanup)

// Every payload calls alert/prompt/confirm: if any runs, these record it.
const fired: string[] = []
const originals = { alert: window.alert, prompt: window.prompt, confirm: window.confirm }
beforeAll(() => {
  window.alert = (message?: unknown) => void fired.push(`alert ${String(message)}`)
  window.prompt = (message?: string) => (fired.push(`prompt ${String(message)}`), null)
  window.confirm = (message?: string) => (fired.push(`confirm ${String(message)}`), false)
})
afterAll(() => Object.assign(window, originals))

/** Resource requests the page made to any host but its own. */
const foreignRequests = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => new URL(name).origin !== location.origin)

describe('given the review corpus in real Chromium', () => {
  test('no vector, streamed one code point at a time, renders anything live or fetches anything', async () => {
    const problems: string[] = []
    const doc = allVectors.map(([, vector]) => vector).join('\n\n')
    const view = render(<StreamingMarkdown text="" streaming highlight={false} />)
    for (const [name, vector] of allVectors) {
      for (const prefix of codePointPrefixes(vector)) {
        view.rerender(<StreamingMarkdown text={prefix} streaming highlight={false} />)
        for (const problem of findUnsafe(view.container)) problems.push(`${name}: ${problem}`)
      }
    }
    view.rerender(<StreamingMarkdown text={doc} highlight={false} />)
    problems.push(...findUnsafe(view.container))
    // What Chromium itself made of every link: its own URL parser, not ours.
    // (`:` is an href Chromium cannot parse, such as `https:javascript:…`: never followed.)
    for (const link of view.container.querySelectorAll('a'))
      if (!['http:', 'https:', 'mailto:', 'tel:', ':'].includes(link.protocol))
        problems.push(`link ${link.protocol} ${link.getAttribute('href')}`)
    // Give any image, handler or navigation a moment to act.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(problems).toEqual([])
    expect(fired).toEqual([])
    expect(foreignRequests()).toEqual([])
  }, 120_000)
})
