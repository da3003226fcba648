import { cleanup, render, waitFor } from '@testing-library/react'
import { StreamingMarkdown } from 'rivulet/components'
import { shikiHighlighter } from 'rivulet/highlight'
import { afterEach, describe, expect, test } from 'vitest'
import { commands } from 'vitest/browser'
import '../../src/components/styles.css'

declare module 'vitest/browser' {
  interface BrowserCommands {
    emulateColorScheme: (scheme: 'light' | 'dark' | null) => Promise<void>
  }
}

afterEach(async () => {
  cleanup()
  await commands.emulateColorScheme(null)
})

const source = '```ts\nexport const answer: number = 42\n```'

/** The colour the browser paints a token in, in the same rgb() form as a resolved hex. */
function painted(token: HTMLElement): string {
  return getComputedStyle(token).color
}

function rgb(hex: string): string {
  const probe = document.createElement('span')
  probe.style.color = hex
  document.body.append(probe)
  const color = getComputedStyle(probe).color
  probe.remove()
  return color
}

/** Renders a highlighted block inside a wrapper with `attributes`; resolves to its tokens. */
async function highlightedTokens(attributes: Record<string, string> = {}) {
  const { container } = render(
    <div {...attributes}>
      <StreamingMarkdown text={source} highlight={shikiHighlighter} />
    </div>,
  )
  await waitFor(() => expect(container.querySelector('code[data-highlighted]')).not.toBeNull(), {
    timeout: 15_000,
  })
  // Tokens whose two theme colours differ, so the painted colour tells which theme applies.
  const tokens = [...container.querySelectorAll<HTMLElement>('code span[style]')].filter(
    (span) =>
      span.style.getPropertyValue('--shiki-light') !== span.style.getPropertyValue('--shiki-dark'),
  )
  expect(tokens.length).toBeGreaterThan(2)
  return tokens
}

function themeOf(tokens: HTMLElement[]): 'light' | 'dark' | 'mixed' {
  const light = tokens.every((t) => painted(t) === rgb(t.style.getPropertyValue('--shiki-light')))
  const dark = tokens.every((t) => painted(t) === rgb(t.style.getPropertyValue('--shiki-dark')))
  return light ? 'light' : dark ? 'dark' : 'mixed'
}

describe('given code highlighted by rivulet/highlight in real Chromium', () => {
  test('paints the light theme on a light page and the dark theme on a dark page', async () => {
    await commands.emulateColorScheme('light')
    const tokens = await highlightedTokens()
    expect(themeOf(tokens)).toBe('light')
    await commands.emulateColorScheme('dark')
    expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(true)
    expect(themeOf(tokens)).toBe('dark')
  }, 20_000)

  test('follows a data-theme attribute on an ancestor over the page preference', async () => {
    await commands.emulateColorScheme('light')
    expect(themeOf(await highlightedTokens({ 'data-theme': 'dark' }))).toBe('dark')
    cleanup()
    await commands.emulateColorScheme('dark')
    expect(themeOf(await highlightedTokens({ 'data-theme': 'light' }))).toBe('light')
  }, 20_000)

  test('lets the nearer of two nested data-theme ancestors win', async () => {
    const { container } = render(
      <div data-theme="dark">
        <div data-theme="light" data-testid="light">
          <StreamingMarkdown text={source} highlight={shikiHighlighter} />
        </div>
      </div>,
    )
    await waitFor(() => expect(container.querySelector('code[data-highlighted]')).not.toBeNull(), {
      timeout: 15_000,
    })
    const tokens = [...container.querySelectorAll<HTMLElement>('code span[style]')].filter(
      (span) =>
        span.style.getPropertyValue('--shiki-light') !==
        span.style.getPropertyValue('--shiki-dark'),
    )
    expect(themeOf(tokens)).toBe('light')
  }, 20_000)
})
