import { render } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'
import { markdownHtml, recordFreshMismatches } from '../fixtures/markdown-html.tsx'
import { expected, table, tidy } from '../fixtures/long-table.ts'

describe('a table longer than one chunk of rows', () => {
  test('streamed a few characters at a time, every prefix that ends a row shows the rows so far, and every prefix matches a fresh render', () => {
    const doc = table(70, '\n[x]: https://example.com\n\nafter\n')
    const view = render(<StreamingMarkdown text="" streaming highlight={false} />)
    const mismatches: string[] = []
    const check = recordFreshMismatches(mismatches)
    const wrong: string[] = []
    for (let end = 1; end <= doc.length; end += end % 2 === 0 ? 7 : 4) {
      const prefix = doc.slice(0, end)
      view.rerender(<StreamingMarkdown text={prefix} streaming highlight={false} />)
      check(prefix, view.container)
      if (prefix.endsWith('|\n') && prefix.split('\n').length > 4) {
        const seen = tidy(markdownHtml(view.container))
        if (seen !== expected(prefix)) wrong.push(JSON.stringify(prefix.slice(-30)))
      }
    }
    view.rerender(<StreamingMarkdown text={doc} highlight={false} />)
    expect(mismatches).toEqual([])
    expect(wrong).toEqual([])
    expect(tidy(markdownHtml(view.container))).toBe(expected(doc))
  }, 180_000)
})
