import type { Meta, StoryObj } from '@storybook/react-vite'
import { ErrorNotice } from 'rivulet/components'
import { expect } from 'storybook/test'
import { ChatExample } from './chat-example.tsx'
import { errors, partHandlers, partUrl } from './part-fixtures.ts'

const meta = {
  title: 'Components/ErrorNotice',
  component: ChatExample,
  parameters: { layout: 'fullscreen', msw: partHandlers },
  args: { url: partUrl, height: '100vh' },
} satisfies Meta<typeof ChatExample>

export default meta
type Story = StoryObj<typeof meta>

/** Every error a reader can meet, each as one human sentence, never the developer message. */
export const EveryKind: Story = {
  args: {
    children: (
      <div style={{ display: 'grid', gap: 12, padding: 16, overflow: 'auto', minHeight: 0 }}>
        {Object.entries(errors).map(([name, error]) => (
          <ErrorNotice key={name} error={error} data-testid={name} />
        ))}
      </div>
    ),
  },
  play: async ({ canvas }) => {
    const sentences = {
      rateLimited: 'Too many requests right now',
      serverError: 'The server ran into a problem (error 500). Try again.',
      unauthorised: 'You are not authorised to use this chat.',
      connectionLost: 'The connection was lost before the answer finished.',
      truncated: 'The answer was cut off before it finished.',
      refused: 'The model provider could not complete this answer.',
    }
    for (const [name, sentence] of Object.entries(sentences)) {
      const notice = canvas.getByTestId(name)
      await expect(notice).toHaveTextContent(sentence)
      await expect(notice).not.toHaveTextContent(/HTTP|network:|provider:|truncated:/)
      await expect(notice).toHaveAttribute('data-slot', 'error-notice')
    }
    await expect(canvas.getAllByRole('button', { name: 'Retry' })).toHaveLength(6)
  },
}

/** Any string can be replaced through the chat's `labels`. */
export const CustomLabels: Story = {
  args: {
    labels: { retry: 'Nochmal', errors: { rateLimited: 'Zu viele Anfragen.' } },
    children: <ErrorNotice error={errors.rateLimited} />,
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Zu viele Anfragen.')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Nochmal' })).toBeVisible()
  },
}
