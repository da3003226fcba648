import { render } from '@testing-library/react'
import markdownIt from 'markdown-it'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'
import { markdownHtml, recordFreshMismatches } from '../fixtures/markdown-html.tsx'

// Long tables render in chunks of rows (only the last one is parsed again as it grows); what
// a reader sees must be exactly what the table rendered whole gives.
const reference = markdownIt({ html: false, linkify: false })
const tidy = (html: string) => html.replace(/>\s+</g, '><').trim()

const row = (i: number) =>
  [
    `| ${i} | *em ${i}* | \`code | ${i}\` |`,
    `| ${i} | a \\| b | **strong** |`,
    `| ${i} | ragged |`,
    `${i} | no outer pipes | x | extra cell |`,
  ][i % 4]

const table = (rows: number, after = '') =>
  `| n | text | more |\n| --- | :-- | --- |\n${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}\n${after}`

const finished = (doc: string) =>
  tidy(markdownHtml(render(<StreamingMarkdown text={doc} highlight={false} />).container))

const expected = (doc: string) =>
  tidy(`<div data-slot="streaming-markdown">${reference.render(doc)}</div>`).replace(
    / style="text-align:left"/g,
    ' style="text-align: left;"',
  )

describe('a table longer than one chunk of rows', () => {
  test.each([63, 64, 65, 129, 300])('%i rows render as the whole table does', (rows) => {
    const doc = table(rows, '\nafter the table\n')
    expect(finished(doc)).toBe(expected(doc))
  })

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
