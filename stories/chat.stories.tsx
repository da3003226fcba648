import type { Meta, StoryObj } from '@storybook/react-vite'
import { mockHandler } from 'rivulet/mock'
import { expect, waitFor } from 'storybook/test'
import { ask, lastAnswer, long, overflowX, settled } from './chat-play.ts'
import { answerFor } from './chat-answers.ts'
import { ChatExample } from './chat-example.tsx'

const meta = {
  title: 'Chat/Chat',
  component: ChatExample,
  parameters: {
    layout: 'fullscreen',
    msw: [
      mockHandler('/api/chat-story', (info) => ({
        format: 'openai-chat',
        text: answerFor(info),
        ttft: 400,
        tokenDelay: 12,
        eventIds: true,
      })),
    ],
  },
  args: { url: '/api/chat-story', format: 'openai-chat', height: '100vh' },
} satisfies Meta<typeof ChatExample>

export default meta
type Story = StoryObj<typeof meta>

/**
 * The whole chat: type a question, press Enter, watch the answer stream in as markdown with
 * the typing cursor; when it is done the cursor goes, the copy and regenerate actions appear,
 * focus is back in the field and the live region has announced the answer once.
 */
export const Conversation: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    const field = canvas.getByRole('textbox', { name: 'Message' })
    // Types, sends, sees the field cleared and waits for the turn to be on the page.
    await ask(canvas, userEvent, 'How do I stream an LLM answer?')
    await expect(canvas.getByRole('article', { name: 'You' })).toHaveTextContent(
      'How do I stream an LLM answer?',
    )
    const answer = await waitFor(() => canvas.getByRole('article', { name: 'Assistant' }))
    await waitFor(() => expect(answer).toHaveAttribute('aria-busy', 'true'))
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Stop' })).toBeEnabled())
    await waitFor(
      () => expect(answer.querySelector('[data-slot="typing-cursor"]')).not.toBeNull(),
      long,
    )
    await waitFor(() => expect(answer).toHaveAttribute('data-status', 'done'), long)
    await expect(answer).not.toHaveAttribute('aria-busy')
    await expect(
      canvas.getByRole('heading', { name: 'Streaming an LLM answer over SSE' }),
    ).toBeVisible()
    await expect(answer.querySelector('[data-slot="typing-cursor"]')).toBeNull()
    await expect(canvas.getByRole('button', { name: 'Copy' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Regenerate' })).toBeEnabled()
    await expect(field).toHaveFocus()
    const live = canvasElement.querySelector('[data-slot="live-region"]')
    await waitFor(() => expect(live).toHaveTextContent(/^Answer: Streaming an LLM answer/))
  },
}

/** Three questions in a row: each is brought into view and answered under it. */
export const ThreeTurns: Story = {
  play: async ({ canvas, userEvent }) => {
    for (const question of ['What is a rivulet?', 'And a river?', 'Which is longer?']) {
      await ask(canvas, userEvent, question)
      const answer = await settled(canvas, 'done')
      await expect(answer).toHaveTextContent(`You asked “${question}”`)
    }
    await expect(canvas.getAllByRole('article', { name: 'Assistant' })).toHaveLength(3)
    await expect(canvas.getAllByRole('article', { name: 'You' })).toHaveLength(3)
  },
}

/** `data-theme="dark"` forces the dark palette whatever the OS says; highlighted code follows. */
export const DarkTheme: Story = {
  args: { theme: 'dark' },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await ask(canvas, userEvent, 'Show me some code')
    await settled(canvas, 'done')
    const chat = canvasElement.querySelector('[data-slot="chat"]')!
    await expect(getComputedStyle(chat).backgroundColor).toBe('rgb(21, 23, 26)')
    const token = await waitFor(() => {
      const span = canvasElement.querySelector(
        'code[data-highlighted] span[style] span[style], code[data-highlighted] span[style]',
      )
      expect(span).not.toBeNull()
      return span!
    }, long)
    // The token takes its --shiki-dark colour, never the light theme's.
    const style = (token as HTMLElement).style
    const dark = style.getPropertyValue('--shiki-dark').trim()
    await expect(dark).not.toBe('')
    const probe = document.createElement('span')
    probe.style.color = dark
    chat.append(probe)
    const expected = getComputedStyle(probe).color
    probe.remove()
    await expect(getComputedStyle(token).color).toBe(expected)
  },
}

/** A brand theme made only of CSS variables on one class: no rule of rivulet's is overridden. */
export const CustomTheme: Story = {
  args: { className: 'brand-theme' },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await ask(canvas, userEvent, 'What is a rivulet?')
    await settled(canvas, 'done')
    const send = canvasElement.querySelector('[data-slot="send-button"]')!
    await waitFor(() => expect(send).toHaveAttribute('data-state', 'send'))
    await expect(getComputedStyle(send).backgroundColor).toBe('rgb(124, 58, 237)')
    const bubble = canvas
      .getByRole('article', { name: 'You' })
      .querySelector('[data-slot="message-content"]')!
    await expect(getComputedStyle(bubble).backgroundColor).toBe('rgb(237, 233, 254)')
  },
}

/** A 375 px phone: a wide table and long code scroll inside their own boxes, never the page. */
export const Phone: Story = {
  args: { width: 375 },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await ask(canvas, userEvent, 'Show me a table')
    await settled(canvas, 'done')
    await ask(canvas, userEvent, 'Now some code')
    await settled(canvas, 'done')
    const frame = canvasElement.querySelector('.chat-frame')!
    await expect(frame.getBoundingClientRect().width).toBe(375)
    await expect(overflowX(frame)).toBe(0)
    await expect(overflowX(canvasElement.querySelector('[data-slot="message-list"]')!)).toBe(0)
    const message = lastAnswer(canvas).getBoundingClientRect()
    await expect(message.right).toBeLessThanOrEqual(375)
  },
}
