import type { Meta, StoryObj } from '@storybook/react-vite'
import { MessageList } from 'rivulet/components'
import { expect, waitFor } from 'storybook/test'
import { ChatExample } from './chat-example.tsx'
import { answer, partHandlers, partUrl, question } from './part-fixtures.ts'

const history = Array.from({ length: 4 }, (_, turn) => [
  { ...question, id: `q${turn}`, content: `Question ${turn + 1}: how long is a rivulet?` },
  { ...answer, id: `a${turn}` },
]).flat()

const meta = {
  title: 'Components/MessageList',
  component: ChatExample,
  parameters: { layout: 'fullscreen', msw: partHandlers },
  args: { url: partUrl, height: '100vh', initialMessages: history, children: <MessageList /> },
} satisfies Meta<typeof ChatExample>

export default meta
type Story = StoryObj<typeof meta>

/**
 * A history longer than its frame: a named, focusable region that opens at the latest
 * message; history is not announced; scrolling up offers "Jump to latest", which goes back.
 */
export const History: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    const list = canvas.getByRole('region', { name: 'Conversation' })
    await expect(canvas.getAllByRole('article')).toHaveLength(8)
    await expect(list).toHaveAttribute('tabindex', '0')
    const toEnd = () => list.scrollHeight - list.scrollTop - list.clientHeight
    await waitFor(() => expect(toEnd()).toBeLessThanOrEqual(24))
    await expect(canvasElement.querySelector('[data-slot="live-region"]')).toHaveTextContent('')
    list.scrollTop = 0
    const jump = await waitFor(() => canvas.getByRole('button', { name: 'Jump to latest' }))
    await userEvent.click(jump)
    // A smooth scroll (the story does not ask for reduced motion) takes a moment.
    await waitFor(() => expect(toEnd()).toBeLessThanOrEqual(24), { timeout: 5_000 })
    await waitFor(() => expect(jump).not.toBeVisible())
  },
}

/** No messages yet: the list shows what the app gives it as children. */
export const Empty: Story = {
  args: {
    initialMessages: [],
    children: (
      <MessageList>
        <p style={{ margin: 'auto', color: 'var(--rivulet-muted)' }}>Ask anything to start.</p>
      </MessageList>
    ),
  },
  play: async ({ canvas }) => {
    await expect(canvas.queryAllByRole('article')).toHaveLength(0)
    await expect(canvas.getByText('Ask anything to start.')).toBeVisible()
  },
}
