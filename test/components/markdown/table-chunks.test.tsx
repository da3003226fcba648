import { render } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'
import { markdownHtml } from '../fixtures/markdown-html.tsx'
import { expected, table, tidy } from '../fixtures/long-table.ts'

const finished = (doc: string) =>
  tidy(markdownHtml(render(<StreamingMarkdown text={doc} highlight={false} />).container))

describe('a table longer than one chunk of rows', () => {
  test.each([63, 64, 65, 129, 300])('%i rows render as the whole table does', (rows) => {
    const doc = table(rows, '\nafter the table\n')
    expect(finished(doc)).toBe(expected(doc))
  })
})
