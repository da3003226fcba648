import { render } from '@testing-library/react'
import spec from 'commonmark-spec'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'
import { markdownHtml, recordFreshMismatches } from './fixtures/markdown-html.tsx'
import { gfmDocuments } from './fixtures/gfm-documents.ts'

// Every second CommonMark example: all sections are covered, and the run stays short.
const examples = spec.tests.filter((example) => example.number % 2 === 1)

function streamEveryCodePoint(
  doc: string,
  onPrefix?: (prefix: string, container: HTMLElement) => void,
) {
  const view = render(<StreamingMarkdown text="" streaming highlight={false} />)
  let prefix = ''
  for (const point of Array.from(doc)) {
    prefix += point
    view.rerender(<StreamingMarkdown text={prefix} streaming highlight={false} />)
    onPrefix?.(prefix, view.container)
  }
  return view
}

const finished = (doc: string) =>
  markdownHtml(render(<StreamingMarkdown text={doc} highlight={false} />).container)

describe('given a document streamed one code point at a time', () => {
  test.each(examples.map((example) => [`${example.section} #${example.number}`, example.markdown]))(
    'CommonMark example %s ends exactly as the same text rendered whole',
    (_, markdown) => {
      const view = streamEveryCodePoint(markdown)
      view.rerender(<StreamingMarkdown text={markdown} highlight={false} />)
      expect(markdownHtml(view.container)).toBe(finished(markdown))
    },
  )

  test.each(Object.entries(gfmDocuments))(
    '"%s" ends exactly as the same text rendered whole',
    (_, doc) => {
      const view = streamEveryCodePoint(doc)
      view.rerender(<StreamingMarkdown text={doc} highlight={false} />)
      expect(markdownHtml(view.container)).toBe(finished(doc))
    },
    30_000,
  )

  test.each(Object.entries(gfmDocuments))(
    '"%s" renders each prefix incrementally exactly as a fresh render of that prefix',
    (_, doc) => {
      const mismatches: string[] = []
      streamEveryCodePoint(doc, recordFreshMismatches(mismatches))
      expect(mismatches).toEqual([])
    },
    60_000,
  )
})
