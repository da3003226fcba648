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
