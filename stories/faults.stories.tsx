import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { attemptHandler } from './attempt-handler.ts'
import { shortAnswer } from './chat-answers.ts'
import { ask, lastAnswer, long, overflowX, settled } from './chat-play.ts'
import { ChatExample } from './chat-example.tsx'
import { recordText } from './record-text.ts'
import { codeHeavyAnswer, technicalAnswer, xssShowcase } from './markdown-documents.ts'

const meta = {
  title: 'Faults',
  component: ChatExample,
  parameters: { layout: 'fullscreen' },
  args: { url: '/api/faults', height: '100vh' },
} satisfies Meta<typeof ChatExample>

export default meta
type Story = StoryObj<typeof meta>

const answer = (prompt: string) => shortAnswer(prompt)

/** Nothing for two seconds: the pending dots show until the first token, then the answer. */
export const SlowFirstToken: Story = {
  args: { url: '/api/faults/slow' },
  parameters: {
    msw: [
      attemptHandler('/api/faults/slow', (_, info) => ({
        text: answer(info.prompt),
        ttft: 2000,
        tokenDelay: 15,
      })),
    ],
  },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'Are you there?')
    const pending = await waitFor(() => {
      const status = lastAnswer(canvas).querySelector('[data-slot="message-status"]')
      expect(status).toHaveAttribute('data-state', 'pending')
      return status
    })
    await expect(pending).toHaveTextContent('Thinking…')
    const done = await settled(canvas, 'done')
    await expect(done).toHaveTextContent('You asked “Are you there?”')
    await expect(done.querySelector('[data-slot="message-status"]')).toBeNull()
  },
}

/** The connection drops mid-answer; the chat says it reconnects, resumes, and no word is lost or doubled. */
export const DropAndResume: Story = {
  args: { url: '/api/faults/drop' },
  parameters: {
    msw: [
      attemptHandler('/api/faults/drop', (attempt, info) => ({
        text: answer(info.prompt),
        tokenDelay: 40,
        eventIds: true,
        fault: attempt === 0 ? 'drop-after:6' : undefined,
        lastEventId: info.request.headers.get('last-event-id'),
      })),
    ],
  },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const seen = recordText(canvasElement)
    await ask(canvas, userEvent, 'Tell me about rivers')
    const done = await settled(canvas, 'done')
    seen.stop()
    await expect(seen.seen.some((text) => /Reconnecting… \(attempt 1\)/.test(text))).toBe(true)
    await expect(done.querySelector('[data-slot="message-content"]')).toHaveTextContent(
      'You asked “Tell me about rivers”. Here is a short answer: rivulet streams it token by token, and the chat keeps up.',
    )
  },
}

/** A 429 with Retry-After: 2. The chat counts the wait down, then the answer arrives. */
export const RateLimited: Story = {
  args: { url: '/api/faults/429' },
  parameters: {
    msw: [
      attemptHandler('/api/faults/429', (attempt, info) =>
        attempt === 0
          ? { status: 429, retryAfter: 2, errorMessage: 'Rate limit reached for requests' }
          : { text: answer(info.prompt), tokenDelay: 15 },
      ),
    ],
  },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'Quick question')
    await waitFor(
      () => expect(lastAnswer(canvas)).toHaveTextContent(/Reconnecting in [12] s… \(attempt 1\)/),
      long,
    )
    const done = await settled(canvas, 'done')
    await expect(done).toHaveTextContent('You asked “Quick question”')
  },
}

/** A 500 (retries off): a plain sentence and Retry; Retry brings the answer. */
export const ServerErrorThenSuccess: Story = {
  args: { url: '/api/faults/500', retry: false },
  parameters: {
    msw: [
      attemptHandler('/api/faults/500', (attempt, info) =>
        attempt === 0
          ? { status: 500, errorMessage: 'upstream exploded' }
          : { text: answer(info.prompt), tokenDelay: 10 },
      ),
    ],
  },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'Hello server')
    await settled(canvas, 'error')
    await expect(lastAnswer(canvas)).toHaveTextContent(
      'The server ran into a problem (error 500). Try again.',
    )
    await expect(canvas.queryByText(/upstream exploded/)).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }))
    const done = await settled(canvas, 'done')
    await expect(done).toHaveTextContent('You asked “Hello server”')
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull()
  },
}

/** A 401: "not authorised", never retried on its own. */
export const Unauthorised: Story = {
  args: { url: '/api/faults/401' },
  parameters: {
    msw: [
      attemptHandler('/api/faults/401', () => ({
        status: 401,
        errorMessage: 'Incorrect API key provided',
      })),
    ],
  },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'Hello')
    const failed = await settled(canvas, 'error')
    await expect(failed).toHaveTextContent(/not authorised to use this chat/)
    await expect(failed.querySelector('[data-slot="error-notice"]')).toHaveAttribute(
      'data-reason',
      'unauthorised',
    )
  },
}

/** The stream ends without its terminator (retries off): "cut off", and the partial text stays above. */
export const Truncated: Story = {
  args: { url: '/api/faults/truncated', retry: false },
  parameters: {
    msw: [
      attemptHandler('/api/faults/truncated', () => ({
        text: technicalAnswer,
        tokenDelay: 2,
        fault: 'drop-after:40',
      })),
    ],
  },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'How do I stream?')
    const failed = await settled(canvas, 'error')
    await expect(failed).toHaveTextContent('The answer was cut off before it finished.')
    await expect(
      canvas.getByRole('heading', { name: 'Streaming an LLM answer over SSE' }),
    ).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeEnabled()
  },
}

/** One event is not valid JSON: the answer stops there with a sentence, the text so far kept. */
export const MalformedEvent: Story = {
  args: { url: '/api/faults/malformed' },
  parameters: {
    msw: [
      attemptHandler('/api/faults/malformed', (_, info) => ({
        text: answer(info.prompt),
        tokenDelay: 10,
        fault: 'malformed-after:4',
      })),
    ],
  },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'Parse this')
    const failed = await settled(canvas, 'error')
    await expect(failed).toHaveTextContent('The answer arrived in a form that could not be read.')
    await expect(failed.querySelector('[data-slot="message-content"]')).toHaveTextContent(
      /^You asked/,
    )
  },
}

/** The provider sends its own error event mid-answer: "could not complete", partial text kept. */
export const ProviderErrorMidAnswer: Story = {
  parameters: {
    msw: [
      attemptHandler('/api/faults/provider', (_, info) => ({
        format: 'anthropic',
        text: answer(info.prompt),
        tokenDelay: 10,
        fault: { type: 'provider-error', after: 6, message: 'Overloaded' },
      })),
    ],
  },
  args: { url: '/api/faults/provider', format: 'anthropic' },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'Busy?')
    const failed = await settled(canvas, 'error')
    await expect(failed).toHaveTextContent('The model provider could not complete this answer.')
    await expect(failed.querySelector('[data-slot="message-content"]')).toHaveTextContent(
      /^You asked/,
    )
  },
}

/** The reader stops a long answer: "Stopped" under the partial text, focus back in the field. */
export const UserStop: Story = {
  args: { url: '/api/faults/stop' },
  parameters: {
    msw: [attemptHandler('/api/faults/stop', () => ({ text: codeHeavyAnswer, tokenDelay: 60 }))],
  },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'Write some code')
    await waitFor(() => expect(lastAnswer(canvas)).toHaveTextContent(/typed fetch helper/), long)
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    const stopped = await settled(canvas, 'aborted')
    await expect(stopped).toHaveTextContent('Stopped')
    await expect(stopped).toHaveTextContent(/Here is a typed fetch helper/)
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toHaveFocus()
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeInTheDocument()
  },
}

/** The browser is offline: the fetch fails and the chat says so, with Retry. */
export const Offline: Story = {
  args: { url: '/api/faults/offline', retry: false },
  parameters: { msw: [attemptHandler('/api/faults/offline', () => Response.error())] },
  beforeEach: () => {
    const own = Object.getOwnPropertyDescriptor(navigator, 'onLine')
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false })
    return () => {
      if (own) Object.defineProperty(navigator, 'onLine', own)
      else delete (navigator as { onLine?: boolean }).onLine
    }
  },
  play: async ({ canvas, userEvent }) => {
    await ask(canvas, userEvent, 'Anyone?')
    const failed = await settled(canvas, 'error')
    await expect(failed).toHaveTextContent('You appear to be offline.')
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeEnabled()
  },
}

const big = Array.from(
  { length: 240 },
  (_, i) =>
    `${i % 20 === 0 ? `\n## Part ${i / 20 + 1}\n\n` : ''}Paragraph ${i + 1}: rivulet keeps a long answer smooth by re-rendering only its last block, whatever its length. ${'More words to read here. '.repeat(14)}\n`,
).join('\n')

/** A 100 KB answer streams in whole and stays inside the page. */
export const HugeAnswer: Story = {
  args: { url: '/api/faults/huge' },
  parameters: {
    msw: [
      attemptHandler('/api/faults/huge', () => ({ tokens: big.split(/(?<= )/), tokenDelay: 0 })),
    ],
  },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(big.length).toBeGreaterThan(100_000)
    await ask(canvas, userEvent, 'Tell me everything')
    const done = await settled(canvas, 'done')
    await expect(done).toHaveTextContent('Paragraph 240:')
    await expect(canvas.getAllByRole('heading', { level: 2 })).toHaveLength(12)
    await expect(overflowX(canvasElement.ownerDocument.documentElement)).toBe(0)
  },
}

/** A prompt-injected answer: its HTML shows as text, no script runs, no unsafe link exists. */
export const XssAnswer: Story = {
  args: { url: '/api/faults/xss' },
  parameters: {
    msw: [attemptHandler('/api/faults/xss', () => ({ text: xssShowcase, tokenDelay: 2 }))],
  },
  // Any payload that ran would call alert(): record it instead of blocking the page.
  beforeEach: () => {
    const alert = window.alert
    window.alert = () => {
      ;(window as { __pwned?: boolean }).__pwned = true
    }
    return () => {
      window.alert = alert
    }
  },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const pwned = () => (window as { __pwned?: boolean }).__pwned
    await ask(canvas, userEvent, 'Show me HTML')
    const done = await settled(canvas, 'done')
    await expect(done.querySelector('script, iframe, [onerror], [onclick]')).toBeNull()
    for (const link of canvasElement.querySelectorAll('a[href]')) {
      await expect(link.getAttribute('href')).not.toMatch(/^\s*(javascript|data|vbscript):/i)
    }
    await expect(done).toHaveTextContent('<script>')
    await expect(pwned()).toBeUndefined()
  },
}
