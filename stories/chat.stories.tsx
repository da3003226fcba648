import type { Meta, StoryObj } from '@storybook/react-vite'
import { mockHandler } from 'rivulet/mock'
import { expect, waitFor } from 'storybook/test'
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

const long = { timeout: 20_000 }

/**
 * The whole chat: type a question, press Enter, watch the answer stream in as markdown with
 * the typing cursor; when it is done the cursor goes, the copy and regenerate actions appear,
 * focus is back in the field and the live region has announced the answer once.
 */
export const Conversation: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    const field = canvas.getByRole('textbox', { name: 'Message' })
    await userEvent.type(field, 'How do I stream an LLM answer?')
    await userEvent.keyboard('{Enter}')
    await expect(field).toHaveValue('')
    await expect(canvas.getByRole('article', { name: 'You' })).toHaveTextContent(
      'How do I stream an LLM answer?',
    )
    const answer = canvas.getByRole('article', { name: 'Assistant' })
    await expect(answer).toHaveAttribute('aria-busy', 'true')
    await expect(canvas.getByRole('button', { name: 'Stop' })).toBeEnabled()
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
