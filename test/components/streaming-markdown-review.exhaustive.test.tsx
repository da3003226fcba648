import { render } from '@testing-library/react'
import spec from 'commonmark-spec'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'
import { markdownHtml, recordFreshMismatches } from './fixtures/markdown-html.tsx'
import { codePointPrefixes } from './fixtures/find-unsafe.ts'
import { streamingDocuments } from './fixtures/streaming-documents.ts'

/** The text a reader sees, without the cursor and without code (where markers are content). */
function proseText(container: HTMLElement): string {
  const copy = container.cloneNode(true) as HTMLElement
  for (const el of copy.querySelectorAll('[data-slot="typing-cursor"], code, pre, button'))
    el.remove()
  return copy.textContent ?? ''
}

const finished = (doc: string) => {
  const view = render(<StreamingMarkdown text={doc} highlight={false} />)
  const out = markdownHtml(view.container)
  view.unmount()
  return out
}

/** Streams `doc`, calling `onPrefix` after each code point; returns the final streamed DOM. */
function stream(doc: string, onPrefix: (prefix: string, container: HTMLElement) => void) {
  const view = render(<StreamingMarkdown text="" streaming highlight={false} />)
  for (const prefix of codePointPrefixes(doc)) {
    view.rerender(<StreamingMarkdown text={prefix} streaming highlight={false} />)
    onPrefix(prefix, view.container)
  }
  view.rerender(<StreamingMarkdown text={doc} highlight={false} />)
  const out = markdownHtml(view.container)
  view.unmount()
  return out
}

// Marker sequences a repair exists to hide: when the finished text shows none, no prefix should.
const MARKERS = ['**', '__', '~~', '](', '``', '***']

describe('given documents shaped like streamed answers', () => {
  test.each(Object.entries(streamingDocuments))(
    '"%s" ends exactly as rendered whole, and no prefix shows a marker the end hides',
    (_, doc) => {
      const finalText = proseText(render(<StreamingMarkdown text={doc} />).container)
      const leaks: string[] = []
      const out = stream(doc, (prefix, container) => {
        // Decided: repairs apply to the line being written, so an emphasis spanning lines shows
        // its opener for the one update that ends on the line break (repair.ts).
        if (prefix.endsWith('\n')) return
        const text = proseText(container)
        for (const marker of MARKERS) {
          if (text.includes(marker) && !finalText.includes(marker))
            leaks.push(`${marker} at …${JSON.stringify(prefix.slice(-30))}`)
        }
      })
      expect(out).toBe(finished(doc))
      expect(leaks).toEqual([])
    },
    60_000,
  )
})

describe('given every CommonMark example the existing suite skips (the even ones)', () => {
  const examples = spec.tests.filter((example) => example.number % 2 === 0)
  test('each streamed one code point at a time ends as rendered whole', () => {
    const different: number[] = []
    for (const example of examples) {
      const out = stream(example.markdown, () => undefined)
      if (out !== finished(example.markdown)) different.push(example.number)
    }
    expect(different).toEqual([])
  }, 120_000)
})

describe('given the review documents rendered in one go', () => {
  test.each(Object.entries(streamingDocuments))(
    '"%s" renders each prefix incrementally exactly as a fresh render of that prefix',
    (_, doc) => {
      const mismatches: string[] = []
      stream(doc, recordFreshMismatches(mismatches))
      expect(mismatches).toEqual([])
    },
    60_000,
  )

  test.each(Object.entries(streamingDocuments))(
    '"%s" complete but still flagged as streaming shows no repair, with or without its last newline',
    (_, doc) => {
      for (const text of [doc, doc.trimEnd()]) {
        const view = render(<StreamingMarkdown text={text} streaming highlight={false} />)
        expect(markdownHtml(view.container)).toBe(finished(text))
        view.unmount()
      }
    },
  )
})
