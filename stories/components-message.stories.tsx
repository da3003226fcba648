import type { Meta, StoryObj } from '@storybook/react-vite'
import { Message } from 'rivulet/components'
import { expect, within } from 'storybook/test'
import { ChatExample } from './chat-example.tsx'
import { Padded } from './padded.tsx'
import { answer, failed, partHandlers, partUrl, question, stopped } from './part-fixtures.ts'

const meta = {
  title: 'Components/Message',
  component: ChatExample,
  parameters: { layout: 'fullscreen', msw: partHandlers },
  args: { url: partUrl, height: '100vh', initialMessages: [question, answer, stopped, failed] },
} satisfies Meta<typeof ChatExample>

export default meta
type Story = StoryObj<typeof meta>

/** The reader's message: their line breaks kept, an Edit action. */
export const UserMessage: Story = {
  args: {
    children: (
      <Padded>
        <Message message={question} />
      </Padded>
    ),
  },
  play: async ({ canvas }) => {
    const message = canvas.getByRole('article', { name: 'You' })
    await expect(message).toHaveAttribute('data-role', 'user')
    await expect(message.textContent).toContain('TypeScript?\nKeep it short')
    await expect(within(message).getByRole('button', { name: 'Edit' })).toBeVisible()
  },
}

/** A finished answer: markdown with a heading scaled for chat, highlighted code, Copy and Regenerate. */
export const AssistantAnswer: Story = {
  args: {
    children: (
      <Padded>
        <Message message={answer} />
      </Padded>
    ),
  },
  play: async ({ canvas }) => {
    const message = canvas.getByRole('article', { name: 'Assistant' })
    await expect(message).toHaveAttribute('data-status', 'done')
    await expect(message).not.toHaveAttribute('aria-busy')
    const heading = within(message).getByRole('heading', { name: 'A fetch in TypeScript' })
    const body = parseFloat(getComputedStyle(message).fontSize)
    await expect(parseFloat(getComputedStyle(heading).fontSize)).toBeLessThan(body * 1.5)
    await expect(message.querySelector('pre')).toHaveTextContent("fetch('/api/items')")
    await expect(within(message).getByRole('button', { name: 'Copy' })).toBeVisible()
    await expect(within(message).getByRole('button', { name: 'Regenerate' })).toBeVisible()
  },
}

/** An answer the reader stopped: the partial text stays, with a "Stopped" marker. */
export const StoppedAnswer: Story = {
  args: {
    children: (
      <Padded>
        <Message message={stopped} />
      </Padded>
    ),
  },
  play: async ({ canvas }) => {
    const message = canvas.getByRole('article', { name: 'Assistant' })
    await expect(message).toHaveAttribute('data-status', 'aborted')
    await expect(message).toHaveTextContent('The first half of an answer that the reader stopped')
    await expect(message.querySelector('[data-slot="message-status"]')).toHaveTextContent('Stopped')
  },
}

/** An answer that failed: the partial text stays above a human sentence and Retry. */
export const FailedAnswer: Story = {
  args: {
    children: (
      <Padded>
        <Message message={failed} />
      </Padded>
    ),
  },
  play: async ({ canvas }) => {
    const message = canvas.getByRole('article', { name: 'Assistant' })
    await expect(message).toHaveTextContent('An answer that started, then')
    const notice = message.querySelector('[data-slot="error-notice"]')!
    await expect(notice).toHaveTextContent('The server ran into a problem (error 503). Try again.')
    await expect(notice).not.toHaveTextContent('HTTP 503')
  },
}
