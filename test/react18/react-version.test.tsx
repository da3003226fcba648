import { render, renderHook, screen } from '@testing-library/react'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { useStream } from 'rivulet/react'
import { StreamingMarkdown } from 'rivulet/components'

// The react18 project runs test/react and test/components against React 18. If the alias
// leaked or @testing-library/react kept React 19, these would see 19 (or two Reacts).
describe('the react18 project', () => {
  test('resolves react and react-dom to 18', () => {
    expect(version).toMatch(/^18\./)
    expect(domVersion).toMatch(/^18\./)
  })

  test('renders through @testing-library/react with the same React', async () => {
    render(<StreamingMarkdown text="Hello **world**" />)
    expect((await screen.findByText('world')).tagName).toBe('STRONG')
  })

  test('runs a rivulet hook with the same React', () => {
    const { result } = renderHook(() => useStream({ url: '/api/never-called' }))
    expect(result.current.status).toBe('idle')
  })

  test('renders on the server with React 18', () => {
    expect(renderToString(<StreamingMarkdown text="# Title" />)).toContain('<h1>Title</h1>')
  })
})
