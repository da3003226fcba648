// @vitest-environment node
import { StreamingMarkdown } from 'rivulet/components'
import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'

describe('given a server without a DOM', () => {
  test('StreamingMarkdown renders to HTML with its cursor and no window', () => {
    expect(typeof window).toBe('undefined')
    const html = renderToString(
      <StreamingMarkdown text={'# Title\n\n```ts\nconst a = 1\n```\n\nSome **bol'} streaming />,
    )
    expect(html).toContain('<h1>Title</h1>')
    expect(html).toContain(
      '<strong>bol</strong><span aria-hidden="true" data-slot="typing-cursor"></span></p>',
    )
    expect(html).toContain('data-streaming=""')
  })
})

describe('given a server rendering pathological markdown', () => {
  test.each([
    ['strong', `${'**a '.repeat(1500)}core${' b**'.repeat(1500)}`, false],
    ['strikethrough', `${'~~a '.repeat(1500)}core${' b~~'.repeat(1500)}`, false],
    ['open strong, streaming', `${'**a '.repeat(3000)}core`, true],
  ])('%s nested thousands of levels renders to HTML', (_, doc, streaming) => {
    const html = renderToString(
      <StreamingMarkdown text={doc as string} streaming={streaming as boolean} highlight={false} />,
    )
    expect(html).toContain('core')
    expect(html.split('<strong>').length - 1).toBeLessThanOrEqual(45)
  })

  test('a block whose URL policy throws renders as its text; the others render', () => {
    const html = renderToString(
      <StreamingMarkdown
        text={'# Title\n\nSee [x](https://bad.example/)\n\nEnd.'}
        urlTransform={(url) => {
          if (url.includes('bad')) throw new Error('bad url')
          return url
        }}
        highlight={false}
      />,
    )
    expect(html).toContain('<h1>Title</h1>')
    expect(html).toContain('<p>End.</p>')
    expect(html).toContain('data-slot="markdown-fallback">See [x](https://bad.example/)')
  })
})
