import type { Meta, StoryObj } from '@storybook/react-vite'
import { mockHandler, type MockRequestInfo } from 'rivulet/mock'
import { expect, waitFor, within } from 'storybook/test'
import { ask, lastAnswer, long, settled } from './chat-play.ts'
import { PartsExample, parisWeather } from './parts-example.tsx'

const pace = { ttft: 300, tokenDelay: 30, jitter: 10 } as const

type Sent = { role?: string; content?: unknown }
const sentMessages = (info: MockRequestInfo): Sent[] =>
  ((info.body as { messages?: Sent[] } | undefined)?.messages ?? []) as Sent[]

/** Requests per story session, so each mounted story counts its own answers. */
const answered = new Map<string, number>()
const takeOf = (info: MockRequestInfo) => {
  const session = String((info.body as { session?: unknown } | undefined)?.session)
  const take = (answered.get(session) ?? 0) + 1
  answered.set(session, take)
  return take
}

const rivers = [
  'The **Nile** is usually given as the longest river, at about 6,650 km.',
  'Some surveys measure the **Amazon** longer than the Nile, at up to 6,900 km.',
  'The **Yangtze** is the longest river in Asia, at about 6,300 km.',
  'The **Mississippi–Missouri** system runs about 6,275 km across North America.',
]

const handlers = [
  mockHandler('/api/parts/reasoning', {
    format: 'openai-chat',
    reasoning:
      'The reader asks why the sky is blue. Sunlight is scattered by the molecules of the air, and shorter wavelengths scatter much more strongly (Rayleigh scattering, about 1/λ⁴). Violet scatters even more, but the sun sends less of it and our eyes are less sensitive to it, so we see blue.',
    text: 'Because of **Rayleigh scattering**: air molecules scatter short (blue) wavelengths of sunlight far more than long (red) ones, so blue light reaches your eyes from every direction of the sky.',
    ...pace,
  }),
  mockHandler('/api/parts/weather', (info) => {
    const last = sentMessages(info).at(-1)
    if (last?.role === 'tool') {
      const weather = JSON.parse(String(last.content)) as typeof parisWeather
      return {
        format: 'openai-chat',
        text: `It is **${weather.temperature} °${weather.unit}** and ${weather.condition} in ${weather.city} right now: a good afternoon for a walk along the Seine.`,
        ...pace,
      }
    }
    return {
      format: 'openai-chat',
      text: 'Let me look up the current weather in Paris.',
      toolCalls: [{ name: 'get_weather', args: { city: 'Paris', unit: 'C' } }],
      ...pace,
      tokenDelay: 60,
    }
  }),
  mockHandler('/api/parts/sources', {
    format: 'openai-responses',
    text: 'Server-sent events keep one HTTP response open and stream `data:` lines; the browser reconnects by itself and resumes with `Last-Event-ID`.',
    sources: [
      {
        url: 'https://html.spec.whatwg.org/multipage/server-sent-events.html',
        title: 'HTML Standard: Server-sent events',
      },
      {
        url: 'https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events/Using_server-sent_events',
        title: 'Using server-sent events - MDN',
      },
      { url: 'javascript:alert(document.cookie)', title: 'A link that must not be one' },
    ],
    ...pace,
  }),
  mockHandler('/api/parts/branches', (info) => ({
    format: 'openai-chat',
    text: rivers[(takeOf(info) - 1) % rivers.length],
    ttft: 200,
    tokenDelay: 15,
  })),
]

const meta = {
  title: 'Components/MessageParts',
  component: PartsExample,
  parameters: { layout: 'fullscreen', msw: handlers },
  args: { url: '/api/parts/reasoning', height: '100vh' },
} satisfies Meta<typeof PartsExample>

export default meta
type Story = StoryObj<typeof meta>

/**
 * A reasoning model: its thinking streams open under "Thinking…", then folds away to
 * "Thought for N s" when the answer starts; its summary (a native disclosure) opens it again.
 */
export const ReasoningAnswer: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    await ask(canvas, userEvent, 'Why is the sky blue?')
    const details = await waitFor(() => {
      const found = lastAnswer(canvas).querySelector<HTMLDetailsElement>('[data-slot="reasoning"]')
      expect(found).not.toBeNull()
      return found!
    }, long)
    await waitFor(() => expect(details).toHaveAttribute('data-state', 'thinking'), long)
    await expect(details.open).toBe(true)
    await expect(within(details).getByText('Thinking…')).toBeVisible()
    await settled(canvas, 'done')
    await expect(details.open).toBe(false)
    const summary = details.querySelector('summary')!
    await expect(summary.textContent).toMatch(/^Thought for \d+ s$/)
    await expect(lastAnswer(canvas)).toHaveTextContent('Because of Rayleigh scattering')
    await userEvent.click(summary)
    await expect(summary).toHaveFocus()
    await waitFor(() => expect(details.open).toBe(true))
    await expect(within(details).getByText(/Rayleigh scattering, about/)).toBeVisible()
    const live = canvasElement.querySelector('[data-slot="live-region"]')
    await waitFor(() => expect(live).toHaveTextContent(/^Answer: Because of Rayleigh/))
  },
}

/**
 * A tool-using answer: the weather call's arguments fill in, it waits for the reader's
 * go-ahead, the button gives the result (`addToolResult`), and the final answer streams.
 */
export const ToolUse: Story = {
  args: { url: '/api/parts/weather' },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'What is the weather in Paris?')
    const call = await canvas.findByRole('group', { name: 'Tool call: get_weather' }, long)
    const allow = await within(call).findByRole('button', { name: 'Allow weather lookup' }, long)
    await expect(call).toHaveAttribute('data-status', 'waiting')
    await expect(within(call).getByText('Waiting for result')).toBeVisible()
    await expect(call.querySelector('[data-slot="tool-call-args"]')).toHaveTextContent(
      '{ "city": "Paris", "unit": "C" }',
      { normalizeWhitespace: true },
    )
    await userEvent.click(allow)
    await waitFor(() => expect(call).toHaveAttribute('data-status', 'done'))
    await expect(call.querySelector('[data-slot="tool-call-result"]')).toHaveTextContent('"sunny"')
    await settled(canvas, 'done')
    await waitFor(() =>
      expect(lastAnswer(canvas)).toHaveTextContent('It is 21 °C and sunny in Paris right now'),
    )
    await expect(within(call).queryByRole('button', { name: 'Allow weather lookup' })).toBeNull()
  },
}

/** The weather call waiting for the reader: the arguments complete, the button to allow it. */
export const ToolAwaitingConfirmation: Story = {
  args: { url: '/api/parts/weather' },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'What is the weather in Paris?')
    const call = await canvas.findByRole('group', { name: 'Tool call: get_weather' }, long)
    const allow = await within(call).findByRole('button', { name: 'Allow weather lookup' }, long)
    await expect(call).toHaveAttribute('data-status', 'waiting')
    await expect(call).not.toHaveAttribute('aria-busy')
    await expect(lastAnswer(canvas)).toHaveAttribute('data-status', 'done')
    await expect(call.querySelector('[data-slot="tool-call-result"]')).toBeNull()
    await expect(allow).toBeEnabled()
  },
}

/** An answer with cited sources: links with title and host, opening in a new tab; no unsafe link. */
export const WithSources: Story = {
  args: { url: '/api/parts/sources', format: 'openai-responses' },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'How do server-sent events resume?')
    await settled(canvas, 'done')
    const list = await canvas.findByRole('list', { name: 'Sources' }, long)
    const links = within(list).getAllByRole('link')
    await expect(links).toHaveLength(2)
    await expect(links[0]).toHaveAttribute('href', expect.stringMatching(/^https:\/\/html\.spec/))
    await expect(links[0]).toHaveAttribute('target', '_blank')
    await expect(links[0]).toHaveAttribute('rel', 'noopener noreferrer')
    await expect(links[1]).toHaveTextContent('developer.mozilla.org')
    await expect(within(list).getByText('A link that must not be one').closest('a')).toBeNull()
  },
}

/**
 * Regenerate three times, then browse the four answers with the picker: from the keyboard,
 * the focus stays on it and the new position is said.
 */
export const BrowseBranches: Story = {
  args: { url: '/api/parts/branches' },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'Which river is the longest?')
    await settled(canvas, 'done')
    const takes = [
      lastAnswer(canvas).querySelector('[data-slot="streaming-markdown"]')!.textContent,
    ]
    for (let i = 0; i < 3; i++) {
      await userEvent.click(within(lastAnswer(canvas)).getByRole('button', { name: 'Regenerate' }))
      await waitFor(() => expect(lastAnswer(canvas)).toHaveAttribute('data-status', 'streaming'))
      await settled(canvas, 'done')
      takes.push(lastAnswer(canvas).querySelector('[data-slot="streaming-markdown"]')!.textContent)
    }
    await expect(new Set(takes).size).toBe(4)
    const picker = () => within(lastAnswer(canvas)).getByRole('group', { name: /^Answer \d of 4$/ })
    await expect(picker()).toHaveAccessibleName('Answer 4 of 4')
    await expect(within(picker()).getByRole('button', { name: 'Next version' })).toBeDisabled()
    within(picker()).getByRole('button', { name: 'Previous version' }).focus()
    for (const index of [2, 1]) {
      await userEvent.keyboard('{Enter}')
      await waitFor(() => expect(picker()).toHaveAccessibleName(`Answer ${index + 1} of 4`))
      await expect(lastAnswer(canvas)).toHaveTextContent(takes[index]!)
      const previous = within(picker()).getByRole('button', { name: 'Previous version' })
      await waitFor(() => expect(previous).toHaveFocus())
      await waitFor(() =>
        expect(within(picker()).getByRole('status')).toHaveTextContent(`Answer ${index + 1} of 4`),
      )
    }
    await expect(picker().querySelector('[data-slot="branch-picker-position"]')).toHaveTextContent(
      '2 / 4',
    )
  },
}
