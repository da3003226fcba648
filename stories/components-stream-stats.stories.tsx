import type { Meta, StoryObj } from '@storybook/react-vite'
import { StreamStats } from 'rivulet/components'
import { expect } from 'storybook/test'
import { ChatExample } from './chat-example.tsx'
import { Padded } from './padded.tsx'
import { metrics, partHandlers, partUrl } from './part-fixtures.ts'

const meta = {
  title: 'Components/StreamStats',
  component: ChatExample,
  parameters: { layout: 'fullscreen', msw: partHandlers },
  args: { url: partUrl, height: '100vh' },
} satisfies Meta<typeof ChatExample>

export default meta
type Story = StoryObj<typeof meta>

/** Time to first token, speed and duration of an answer, as a description list. */
export const FinishedAnswer: Story = {
  args: {
    children: (
      <Padded>
        <StreamStats metrics={metrics} />
      </Padded>
    ),
  },
  play: async ({ canvasElement }) => {
    const stats = canvasElement.querySelector('[data-slot="stream-stats"]')!
    await expect(stats.tagName).toBe('DL')
    const rows = [...stats.querySelectorAll('[data-slot="stream-stats-item"]')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    )
    await expect(rows).toEqual([
      ['First token', '412 ms'],
      ['Speed', '52.7 tokens/s'],
      ['Duration', '3.9 s'],
    ])
  },
}

/** Before the first token only the duration is known: the other rows are left out. */
export const BeforeFirstToken: Story = {
  args: {
    children: (
      <Padded>
        <StreamStats
          metrics={{ ...metrics, ttft: undefined, tokensPerSecond: undefined, duration: 250 }}
        />
      </Padded>
    ),
  },
  play: async ({ canvasElement }) => {
    const stats = canvasElement.querySelector('[data-slot="stream-stats"]')!
    await expect(stats).toHaveTextContent('Duration250 ms')
    await expect(stats).not.toHaveTextContent('First token')
  },
}
