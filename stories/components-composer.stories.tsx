import type { Meta, StoryObj } from '@storybook/react-vite'
import { Composer } from 'rivulet/components'
import { expect, waitFor } from 'storybook/test'
import { ChatExample } from './chat-example.tsx'
import { partHandlers, partUrl } from './part-fixtures.ts'

const meta = {
  title: 'Components/Composer',
  component: ChatExample,
  parameters: { layout: 'fullscreen', msw: partHandlers },
  args: { url: partUrl, height: '100vh', children: <Composer /> },
} satisfies Meta<typeof ChatExample>

export default meta
type Story = StoryObj<typeof meta>

/** Nothing typed yet: the field is named and Send is disabled. */
export const Empty: Story = {
  play: async ({ canvas }) => {
    const field = canvas.getByRole('textbox', { name: 'Message' })
    await expect(field).toHaveAttribute('placeholder', 'Ask anything…')
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled()
  },
}

/** A draft of two lines (Shift+Enter), the field grows; Enter sends it and focus stays. */
export const Draft: Story = {
  play: async ({ canvas, userEvent }) => {
    const field = canvas.getByRole('textbox', { name: 'Message' })
    const oneLine = field.getBoundingClientRect().height
    await userEvent.type(field, 'First line{Shift>}{Enter}{/Shift}second line')
    await expect(field).toHaveValue('First line\nsecond line')
    await waitFor(() => expect(field.getBoundingClientRect().height).toBeGreaterThan(oneLine))
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeEnabled()
    await userEvent.keyboard('{Enter}')
    await expect(field).toHaveValue('')
    await expect(field).toHaveFocus()
  },
}

/** `disabled`: nothing can be typed or sent. */
export const Disabled: Story = {
  args: { children: <Composer disabled defaultValue="Cannot send this" /> },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toBeDisabled()
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled()
  },
}
