import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { ChatDemo } from './chat-demo.tsx'
import {
  defaultScenario,
  scenarioArgTypes,
  scenarioHandler,
  throttleArgType,
} from './mock-scenario.ts'
import { recordText } from './record-text.ts'

const meta = {
  title: 'Hooks/useChat',
  component: ChatDemo,
  parameters: { layout: 'padded', msw: [scenarioHandler('/api/chat')] },
  args: { ...defaultScenario, tokenDelay: 20, throttle: 'frame' },
  argTypes: {
    ...scenarioArgTypes,
    throttle: throttleArgType,
  },
} satisfies Meta<typeof ChatDemo>

export default meta
type Story = StoryObj<typeof meta>

const timeout = { timeout: 15_000 }

/** Send appends your message and streams the assistant's answer under it. */
export const Conversation: Story = {
  play: async ({ canvas, userEvent }) => {
    const messages = canvas.getByRole('list', { name: 'Messages' })
    const seen = recordText(messages)
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('done'), timeout)
    seen.stop()
    const items = canvas.getAllByRole('listitem')
    await expect(items).toHaveLength(2)
    await expect(items[0]).toHaveTextContent('What is a rivulet?')
    // The mock's answer quotes the question; it arrived in pieces, not in one go.
    await expect(items[1]).toHaveTextContent('You asked “What is a rivulet?”')
    await expect(seen.seen.length).toBeGreaterThan(3)
    await expect(canvas.getByRole('button', { name: 'Regenerate' })).toBeEnabled()
  },
}

/** Stop ends the answer in flight; the partial answer stays in the history. */
export const StopMidAnswer: Story = {
  args: { tokenDelay: 80 },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(2), timeout)
    await waitFor(() => expect(canvas.getAllByRole('listitem')[1]).toHaveTextContent(/You asked/))
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('aborted'))
    await expect(canvas.getAllByRole('listitem')[1]).toHaveAttribute('data-status', 'aborted')
  },
}

/** A 429 first: the chat waits it out, retries and the answer arrives whole. */
export const RateLimitedThenOk: Story = {
  args: { fault: 'rate-limit-then-ok' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('done'), timeout)
    await expect(canvas.getAllByRole('listitem')[1]).toHaveTextContent('rivulet/mock')
    await expect(canvas.getByTestId('retries')).toHaveTextContent('1')
  },
}
