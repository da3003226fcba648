import { render } from '@testing-library/react'
import { StreamingMarkdown, type StreamingMarkdownProps } from 'rivulet/components'
import { describe, expect, test } from 'vitest'
import { codePointPrefixes, findUnsafe } from '../fixtures/find-unsafe.ts'
import { allVectors } from '../fixtures/xss-vectors.ts'

type Extra = Partial<StreamingMarkdownProps>

/** Renders every prefix while streaming, then the whole text finished; returns what was unsafe. */
function streamAndCheck(doc: string, extra: Extra = {}): string[] {
  const seen = new Set<string>()
  const view = render(<StreamingMarkdown text="" streaming highlight={false} {...extra} />)
  for (const prefix of codePointPrefixes(doc)) {
    view.rerender(<StreamingMarkdown text={prefix} streaming highlight={false} {...extra} />)
    for (const problem of findUnsafe(view.container))
      seen.add(`${problem} at …${JSON.stringify(prefix.slice(-24))}`)
  }
  view.rerender(<StreamingMarkdown text={doc} highlight={false} {...extra} />)
  for (const problem of findUnsafe(view.container)) seen.add(`${problem} (finished)`)
  view.unmount()
  return [...seen]
}

describe('given the review corpus of XSS vectors, each streamed one code point at a time', () => {
  test.each(allVectors)('%s renders nothing live at any prefix: %j', (_, vector) => {
    expect(streamAndCheck(vector)).toEqual([])
  })

  test.each(allVectors)('%s inside a list, quote and table stays harmless: %j', (_, vector) => {
    const line = vector.replace(/\n/g, ' ')
    const doc = `- item\n  > ${line}\n\n| h |\n| - |\n| ${line.replace(/\|/g, '\\|')} |\n`
    expect(streamAndCheck(doc)).toEqual([])
  })
})

describe('given the corpus streamed with the repair turned off', () => {
  test('no vector renders anything live at any prefix', () => {
    const problems = allVectors.flatMap(([name, vector]) =>
      streamAndCheck(vector, { repair: false }).map((problem) => `${name}: ${problem}`),
    )
    expect(problems).toEqual([])
  }, 120_000)
})
