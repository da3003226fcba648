import { render } from '@testing-library/react'
import { createElement, type ElementType, type ReactNode } from 'react'
import { StreamingMarkdown } from 'rivulet/components'
import { describe, expect, test } from 'vitest'
import { codePointPrefixes, findUnsafe } from '../fixtures/find-unsafe.ts'
import { allVectors, rawHtmlVectors } from '../fixtures/xss-vectors.ts'

describe('given raw HTML in the answer', () => {
  const plain = rawHtmlVectors.filter((v) => !/&lt;|\\</.test(v))
  test.each(plain)('the tags of %j are shown as text once finished', (vector) => {
    const { container } = render(<StreamingMarkdown text={vector} highlight={false} />)
    const text = container.textContent ?? ''
    for (const tag of vector.match(/<[!?/]?[a-z]+/gi) ?? []) expect(text).toContain(tag)
  })

  test('an unclosed tag at the end of the stream is text at every prefix', () => {
    const doc = 'Look: <img src=x onerror=alert(1)'
    const view = render(<StreamingMarkdown text="" streaming highlight={false} />)
    for (const prefix of codePointPrefixes(doc)) {
      view.rerender(<StreamingMarkdown text={prefix} streaming highlight={false} />)
      expect(view.container.querySelector('img')).toBeNull()
      if (prefix.endsWith('<img')) expect(view.container.textContent).toContain('<img')
    }
  })
})

describe('given a consumer that widens the policy', () => {
  test('allowed image hosts load only those hosts, never a look-alike', () => {
    const doc = [
      '![a](https://cdn.example/a.png)',
      '![b](https://cdn.example.evil.test/b.png)',
      '![c](https://evilcdn.example/c.png)',
      '![d](https://cdn.example@evil.test/d.png)',
    ].join('\n\n')
    const { container } = render(
      <StreamingMarkdown text={doc} allowedImageHosts={['cdn.example']} highlight={false} />,
    )
    const hosts = Array.from(container.querySelectorAll('img'), (img) => new URL(img.src).host)
    expect(hosts).toEqual(['cdn.example'])
  })

  test('a link opened in a new tab always carries rel=noopener, whatever the target', () => {
    const { container } = render(
      <StreamingMarkdown
        text="[a](https://ok.example) <https://ok.example/b>"
        linkTarget="_blank"
      />,
    )
    const links = Array.from(container.querySelectorAll('a'))
    expect(links).toHaveLength(2)
    for (const link of links) expect(link.rel).toMatch(/noopener/)
  })
})

describe('given components overrides', () => {
  test('each override receives only safe, known props for every vector', () => {
    const received: { tag: string; props: Record<string, unknown> }[] = []
    const record = (tag: string): ElementType =>
      function Recorder(props: Record<string, unknown> & { children?: ReactNode }) {
        received.push({ tag, props })
        const { children, ...rest } = props
        return createElement(tag, rest, children)
      }
    const tags = ['a', 'img', 'code', 'pre', 'p', 'li', 'td', 'th', 'h1', 'section', 'sup'] as const
    const components = Object.fromEntries(tags.map((tag) => [tag, record(tag)]))
    const doc = allVectors.map(([, v]) => v).join('\n\n')
    const { container } = render(
      <StreamingMarkdown text={doc} components={components} highlight={false} />,
    )
    expect(findUnsafe(container)).toEqual([])
    const allowed = new Set(['children', 'key', 'href', 'src', 'alt', 'title', 'rel', 'target'])
    for (const name of ['loading', 'className', 'start', 'style', 'id', 'tabIndex'])
      allowed.add(name)
    for (const { tag, props } of received) {
      for (const [name, value] of Object.entries(props)) {
        const known = allowed.has(name) || /^(data|aria)-/.test(name)
        expect(known ? '' : `${tag}.${name}`).toBe('')
        expect(typeof value === 'function' ? `${tag}.${name} is a function` : '').toBe('')
        if ((name === 'href' || name === 'src') && typeof value === 'string') {
          // A URL the browser cannot parse is never followed.
          if (!URL.canParse(value, document.baseURI)) continue
          const url = new URL(value, document.baseURI)
          expect(['http:', 'https:', 'mailto:', 'tel:']).toContain(url.protocol)
        }
      }
    }
    expect(received.some(({ tag }) => tag === 'a')).toBe(true)
  })
})

describe('the checker itself', () => {
  test('flags what a permissive policy lets through, so a pass above means something', () => {
    const allowAll = (url: string) => url
    const doc = allVectors
      .filter(([name]) => name.startsWith('link') || name.startsWith('image'))
      .map(([, v]) => v)
      .join('\n\n')
    const { container } = render(
      <StreamingMarkdown text={doc} urlTransform={allowAll} allowedImageHosts={['*']} />,
    )
    const problems = findUnsafe(container).join('\n')
    expect(problems).toMatch(/href="javascript:/)
    expect(problems).toMatch(/href="data:/)
    expect(problems).toMatch(/src="data:/)
    expect(problems).toMatch(/image from evil\.example/)
  })
})
