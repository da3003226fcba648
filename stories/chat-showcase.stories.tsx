import type { Meta, StoryObj } from '@storybook/react-vite'
import { mockHandler } from 'rivulet/mock'
import { expect, waitFor } from 'storybook/test'
import { ChatShowcase } from './chat-showcase-demo.tsx'
import { technicalAnswer } from './markdown-documents.ts'
import { recordText } from './record-text.ts'

const meta = {
  title: 'Examples/Chat with markdown',
  component: ChatShowcase,
  parameters: {
    layout: 'padded',
    msw: [
      mockHandler('/api/showcase', {
        format: 'openai-chat',
        text: technicalAnswer,
        ttft: 300,
        tokenDelay: 12,
      }),
    ],
  },
  args: { url: '/api/showcase', prompt: 'How do I stream an LLM answer into React?' },
} satisfies Meta<typeof ChatShowcase>

export default meta
type Story = StoryObj<typeof meta>

/**
 * Send a message: the answer streams in from the mock as markdown, headings, lists and code
 * take shape as they arrive, and the typing cursor follows the text until the answer is done.
 */
export const Streaming: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    const seen = recordText(canvas.getByRole('list', { name: 'Messages' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }))
    await waitFor(
      () => expect(canvasElement.querySelector('[data-slot="typing-cursor"]')).not.toBeNull(),
      { timeout: 15_000 },
    )
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('done'), {
      timeout: 30_000,
    })
    seen.stop()
    // It grew in many steps, it rendered as markdown (a heading, not '# …'), and the cursor left.
    await expect(seen.seen.length).toBeGreaterThan(10)
    await expect(
      canvas.getByRole('heading', { name: 'Streaming an LLM answer over SSE' }),
    ).toBeVisible()
    await expect(canvasElement.querySelector('[data-slot="typing-cursor"]')).toBeNull()
  },
}
