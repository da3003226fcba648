import { render } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'
import { codePointPrefixes, URL_ATTRIBUTES } from './fixtures/find-unsafe.ts'
import { xssDocuments } from './fixtures/xss-documents.ts'

const EMBEDDING =
  'script, iframe, frame, frameset, object, embed, applet, base, link, meta, style, form, svg, math, template, noscript'
const ORIGIN = 'https://app.test'

/** Problems a browser would act on, found independently of the component's own URL policy. */
function findUnsafe(root: HTMLElement): string[] {
  const problems: string[] = []
  for (const el of root.querySelectorAll(EMBEDDING))
    problems.push(`element <${el.tagName.toLowerCase()}>`)
  for (const el of root.querySelectorAll('*')) {
    for (const { name, value } of Array.from(el.attributes)) {
      if (name.toLowerCase().startsWith('on')) problems.push(`handler ${name}`)
      if (name === 'style' && /url\(|expression|javascript/i.test(value))
        problems.push(`style ${value}`)
      if (!URL_ATTRIBUTES.has(name.toLowerCase())) continue
      let url: URL
      try {
        url = new URL(value, `${ORIGIN}/chat/`)
      } catch {
        continue // a URL the browser cannot parse is not followed
      }
      if (!['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol))
        problems.push(`${name}=${value}`)
      if (el.tagName === 'IMG' && name === 'src' && url.origin !== ORIGIN)
        problems.push(`image from ${url.host}`)
    }
  }
  return problems
}

describe('given documents full of XSS payloads', () => {
  for (const [name, doc] of Object.entries(xssDocuments)) {
    test(`every prefix of "${name}" renders nothing live, while streaming and after`, () => {
      const view = render(<StreamingMarkdown text="" streaming highlight={false} />)
      const seen = new Set<string>()
      for (const prefix of codePointPrefixes(doc)) {
        view.rerender(<StreamingMarkdown text={prefix} streaming highlight={false} />)
        for (const problem of findUnsafe(view.container))
          seen.add(`${problem} at ${JSON.stringify(prefix.slice(-30))}`)
      }
      view.rerender(<StreamingMarkdown text={doc} highlight={false} />)
      for (const problem of findUnsafe(view.container)) seen.add(`${problem} (finished)`)
      expect([...seen]).toEqual([])
      // One render per code point of a long document: slow on a loaded machine, not a hang.
    }, 30_000)
  }

  test('the checker itself flags what a permissive URL policy lets through', () => {
    const allowAll = (url: string) => url
    const doc = xssDocuments['javascript: links in every disguise'] ?? ''
    const { container } = render(
      <StreamingMarkdown text={doc} urlTransform={allowAll} allowedImageHosts={['*']} />,
    )
    expect(findUnsafe(container).length).toBeGreaterThan(5)
  })

  test('raw HTML is shown as text', () => {
    const { container } = render(
      <StreamingMarkdown text={xssDocuments['raw HTML'] ?? ''} highlight={false} />,
    )
    expect(container.textContent).toContain('<script>alert(1)</script>')
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>')
  })

  test('a link with a dangerous URL keeps its text but loses its target', () => {
    const { container } = render(<StreamingMarkdown text="[click me](JaVaScRiPt:alert(1))" />)
    expect(container.querySelector('a')).toBeNull()
    expect(container.textContent).toBe('click me')
  })

  test('a title cannot break out of its attribute', () => {
    const { container } = render(
      <StreamingMarkdown text={'[t](https://ok.example "x\\" onmouseover=\\"alert(1)")'} />,
    )
    const link = container.querySelector('a')
    expect(link?.getAttribute('title')).toBe('x" onmouseover="alert(1)')
    expect(link?.getAttributeNames().sort()).toEqual(['href', 'rel', 'target', 'title'])
  })
})
