import { render } from '@testing-library/react'
import spec from 'commonmark-spec'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'
import { gfmDocuments } from './fixtures/gfm-documents.ts'

// Every second CommonMark example: all sections are covered, and the run stays short.
const examples = spec.tests.filter((example) => example.number % 2 === 1)

/** The DOM without the cursor and with the per-instance id prefix made neutral. */
function html(container: HTMLElement): string {
  const copy = container.cloneNode(true) as HTMLElement
  for (const cursor of copy.querySelectorAll('[data-slot="typing-cursor"]')) cursor.remove()
  copy.querySelector('[data-slot="streaming-markdown"]')?.removeAttribute('data-streaming')
  // Attribute order depends on when React set each one (a title that arrives later comes
  // last); it is not part of what is rendered.
  for (const el of copy.querySelectorAll('*')) {
    const attributes = Array.from(el.attributes, ({ name, value }) => [name, value] as const).sort()
    for (const [name] of attributes) el.removeAttribute(name)
    for (const [name, value] of attributes) el.setAttribute(name, value)
  }
  return copy.innerHTML.replace(/_r_[0-9a-z]+_-/g, 'ID-')
}

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
  html(render(<StreamingMarkdown text={doc} highlight={false} />).container)

describe('given a document streamed one code point at a time', () => {
  test.each(examples.map((example) => [`${example.section} #${example.number}`, example.markdown]))(
    'CommonMark example %s ends exactly as the same text rendered whole',
    (_, markdown) => {
      const view = streamEveryCodePoint(markdown)
      view.rerender(<StreamingMarkdown text={markdown} highlight={false} />)
      expect(html(view.container)).toBe(finished(markdown))
    },
  )

  test.each(Object.entries(gfmDocuments))(
    '"%s" ends exactly as the same text rendered whole',
    (_, doc) => {
      const view = streamEveryCodePoint(doc)
      view.rerender(<StreamingMarkdown text={doc} highlight={false} />)
      expect(html(view.container)).toBe(finished(doc))
    },
    30_000,
  )

  test.each(Object.entries(gfmDocuments))(
    '"%s" renders each prefix incrementally exactly as a fresh render of that prefix',
    (_, doc) => {
      const mismatches: string[] = []
      streamEveryCodePoint(doc, (prefix, container) => {
        const fresh = render(<StreamingMarkdown text={prefix} streaming highlight={false} />)
        if (html(container) !== html(fresh.container))
          mismatches.push(JSON.stringify(prefix.slice(-40)))
        fresh.unmount()
      })
      expect(mismatches).toEqual([])
    },
    60_000,
  )
})

describe('given a complete document that is still marked as streaming', () => {
  test('every CommonMark example renders as it does once streaming has ended', () => {
    const different = examples
      .filter(({ markdown }) => {
        const streamed = render(<StreamingMarkdown text={markdown} streaming highlight={false} />)
        const same = html(streamed.container) === finished(markdown)
        streamed.unmount()
        return !same
      })
      .map(({ number }) => number)
    expect(different).toEqual([])
  }, 60_000)

  test.each(Object.entries(gfmDocuments))(
    '"%s" shows no stray markers from the repair, even without its final newline',
    (_, doc) => {
      for (const text of [doc, doc.trimEnd()]) {
        const streamed = render(<StreamingMarkdown text={text} streaming highlight={false} />)
        expect(html(streamed.container)).toBe(finished(text))
        streamed.unmount()
      }
    },
  )
})
