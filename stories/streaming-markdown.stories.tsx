import '../src/components/styles.css'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { StreamingMarkdown } from 'rivulet/components'
import { shikiHighlighter } from 'rivulet/highlight'
import { expect, waitFor, within } from 'storybook/test'
import {
  cjkAnswer,
  codeHeavyAnswer,
  gfmShowcase,
  technicalAnswer,
  xssShowcase,
} from './markdown-documents.ts'
import { MarkdownFeeder } from './markdown-feeder.tsx'

const meta = {
  title: 'Components/StreamingMarkdown',
  component: MarkdownFeeder,
  // Highlighting is opt-in: `highlight={shikiHighlighter}` from rivulet/highlight (needs shiki).
  args: { text: technicalAnswer, chunkSize: 6, interval: 16, highlight: shikiHighlighter },
  argTypes: {
    highlight: { control: false },
    chunkSize: { control: { type: 'range', min: 1, max: 40 } },
    interval: { control: { type: 'range', min: 0, max: 200 } },
  },
} satisfies Meta<typeof MarkdownFeeder>

export default meta
type Story = StoryObj<typeof meta>

const root = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('[data-slot="streaming-markdown"]') as HTMLElement

/** Waits until the feeder has revealed everything and streaming has ended. */
async function finished(canvasElement: HTMLElement) {
  await waitFor(() => expect(root(canvasElement).hasAttribute('data-streaming')).toBe(false), {
    timeout: 15_000,
  })
}

/** A long technical answer streaming in: cursor while streaming, gone at the end. */
export const LongTechnicalAnswer: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-slot="typing-cursor"]')).not.toBeNull(),
    )
    expect(root(canvasElement).hasAttribute('data-streaming')).toBe(true)
    await finished(canvasElement)
    const canvas = within(canvasElement)
    expect(canvas.getByRole('heading', { level: 1 }).textContent).toBe(
      'Streaming an LLM answer over SSE',
    )
    expect(canvas.getByRole('table')).toBeTruthy()
    expect(canvas.getByRole('link', { name: 'WHATWG spec' }).getAttribute('href')).toBe(
      'https://html.spec.whatwg.org/multipage/server-sent-events.html',
    )
    expect(canvasElement.querySelector('[data-slot="typing-cursor"]')).toBeNull()
  },
}

/** Tables, task lists, strikethrough, autolinks and footnotes, rendered whole. */
export const EveryGfmFeature: Story = {
  render: (args) => <StreamingMarkdown text={args.text} highlight={false} />,
  args: { text: gfmShowcase },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    expect(canvas.getAllByRole('columnheader').map((th) => th.style.textAlign)).toEqual([
      'left',
      'center',
      'right',
    ])
    expect(canvas.getAllByRole('checkbox').map((box) => (box as HTMLInputElement).checked)).toEqual(
      [true, true, false],
    )
    expect(canvasElement.querySelector('del')?.textContent).toBe('old')
    expect(canvas.getByRole('link', { name: 'www.example.com' })).toBeTruthy()
    expect(canvasElement.querySelector('[data-slot="footnote-ref"]')?.textContent).toBe('1')
  },
}

/** A code-heavy answer: language labels and keyboard-accessible copy buttons per block. */
export const CodeHeavyAnswer: Story = {
  args: { text: codeHeavyAnswer, chunkSize: 12 },
  play: async ({ canvasElement }) => {
    await finished(canvasElement)
    const canvas = within(canvasElement)
    const labels = [...canvasElement.querySelectorAll('[data-slot="code-block-language"]')]
    expect(labels.map((label) => label.textContent)).toEqual(['ts', 'python'])
    const buttons = canvas.getAllByRole('button', { name: 'Copy code' })
    expect(buttons).toHaveLength(2)
    buttons[0]?.focus()
    expect(document.activeElement).toBe(buttons[0])
    await waitFor(
      () => expect(canvasElement.querySelectorAll('code[data-highlighted]')).toHaveLength(2),
      { timeout: 15_000 },
    )
  },
}

/**
 * Highlighted code on a dark page: `data-theme="dark"` on an ancestor (or the reader's
 * `prefers-color-scheme`) picks the dark token colours of `rivulet/highlight`.
 */
export const HighlightedCodeDarkTheme: Story = {
  args: { text: codeHeavyAnswer, chunkSize: 40 },
  render: (args) => (
    <div data-theme="dark" style={{ background: '#0d1117', color: '#e6edf3', padding: '1em' }}>
      <MarkdownFeeder {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await finished(canvasElement)
    await waitFor(
      () => expect(canvasElement.querySelectorAll('code[data-highlighted]')).toHaveLength(2),
      { timeout: 15_000 },
    )
    const token = [...canvasElement.querySelectorAll<HTMLElement>('code span[style]')].find(
      (span) =>
        span.style.getPropertyValue('--shiki-dark') !==
        span.style.getPropertyValue('--shiki-light'),
    ) as HTMLElement
    const probe = document.createElement('span')
    probe.style.color = token.style.getPropertyValue('--shiki-dark')
    canvasElement.append(probe)
    expect(getComputedStyle(token).color).toBe(getComputedStyle(probe).color)
    probe.remove()
  },
}

/** Chinese, Japanese and Korean text with emphasis, and stars that must stay literal. */
export const CjkAnswer: Story = {
  args: { text: cjkAnswer, chunkSize: 2 },
  play: async ({ canvasElement }) => {
    await finished(canvasElement)
    const strong = [...canvasElement.querySelectorAll('strong')].map((node) => node.textContent)
    expect(strong).toEqual(['逐字', '太字', '굵은 글씨'])
    expect(canvasElement.textContent).toContain('2 * 3 = 6')
    expect(canvasElement.textContent).toContain('snake_case_name')
  },
}

/** A prompt-injected answer: raw HTML shows as text, dangerous links and images do nothing. */
export const XssShowcase: Story = {
  args: { text: xssShowcase, chunkSize: 8 },
  play: async ({ canvasElement }) => {
    await finished(canvasElement)
    const answer = root(canvasElement)
    expect(answer.querySelectorAll('script, iframe, object, embed, img')).toHaveLength(0)
    for (const element of answer.querySelectorAll('*')) {
      for (const name of element.getAttributeNames()) expect(name.startsWith('on')).toBe(false)
    }
    for (const link of answer.querySelectorAll('a[href]')) {
      expect(link.getAttribute('href')).toMatch(/^(https?:|#)/)
    }
    expect(answer.textContent).toContain("<script>alert('script tag')</script>")
    expect(
      answer.querySelector('[data-slot="image-placeholder"]')?.getAttribute('aria-label'),
    ).toBe('exfiltration')
  },
}
