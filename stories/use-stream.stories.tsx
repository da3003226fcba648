import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import {
  defaultScenario,
  scenarioArgTypes,
  scenarioHandler,
  throttleArgType,
} from './mock-scenario.ts'
import { recordText } from './record-text.ts'
import { StreamDemo } from './stream-demo.tsx'

const answer =
  'A river does not hurry, yet it arrives. Each token lands as it comes, and React paints at most once a frame, however fast they flow.'

const meta = {
  title: 'Hooks/useStream',
  component: StreamDemo,
  parameters: { layout: 'padded', msw: [scenarioHandler('/api/stream', answer)] },
  args: { ...defaultScenario, throttle: 'frame' },
  argTypes: {
    ...scenarioArgTypes,
    throttle: throttleArgType,
  },
} satisfies Meta<typeof StreamDemo>

export default meta
type Story = StoryObj<typeof meta>

const timeout = { timeout: 15_000 }

/** The hook before anything starts. */
export const Idle: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByTestId('status')).toHaveTextContent('idle')
    await expect(canvas.getByRole('button', { name: 'Stop' })).toBeDisabled()
  },
}

/** Start streams the answer token by token, then settles on `done` with metrics. */
export const Streaming: Story = {
  play: async ({ canvas, userEvent }) => {
    const text = recordText(canvas.getByTestId('text'))
    await userEvent.click(canvas.getByRole('button', { name: 'Start' }))
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('done'), timeout)
    text.stop()
    await expect(canvas.getByTestId('text')).toHaveTextContent(answer)
    // A partial answer was on screen before the whole one: it streamed.
    await expect(text.seen.some((seen) => seen !== '' && seen !== answer)).toBe(true)
    await expect(Number(canvas.getByTestId('tokens').textContent)).toBeGreaterThan(10)
  },
}

/** Stop aborts mid-stream and keeps what had arrived. */
export const Stopped: Story = {
  args: { tokenDelay: 80 },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Start' }))
    await waitFor(() => expect(canvas.getByTestId('text')).not.toHaveTextContent(/^$/), timeout)
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }))
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('aborted'))
    const kept = canvas.getByTestId('text').textContent ?? ''
    await expect(kept.length).toBeGreaterThan(0)
    await expect(answer.startsWith(kept)).toBe(true)
    await expect(kept).not.toBe(answer)
  },
}

/** A 429 with Retry-After: 1 is waited out, then the retry streams the whole answer. */
export const RateLimitedThenOk: Story = {
  args: { fault: 'rate-limit-then-ok' },
  play: async ({ canvas, userEvent }) => {
    const status = recordText(canvas.getByTestId('status'))
    await userEvent.click(canvas.getByRole('button', { name: 'Start' }))
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('done'), timeout)
    status.stop()
    await expect(status.seen).toContain('retrying')
    await expect(canvas.getByTestId('text')).toHaveTextContent(answer)
    await expect(canvas.getByTestId('retries')).toHaveTextContent('1')
  },
}

/** The connection drops after six tokens; the retry resumes and no token is lost or repeated. */
export const DropThenResume: Story = {
  args: { fault: 'drop-then-resume' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Start' }))
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('done'), timeout)
    await expect(canvas.getByTestId('text')).toHaveTextContent(answer)
    await expect(canvas.getByTestId('retries')).toHaveTextContent('1')
  },
}

/** Every attempt drops: after the retries the stream fails, and the text received is kept. */
export const DropEveryTime: Story = {
  args: { fault: 'drop-every-time', tokenDelay: 10 },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Start' }))
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('error'), timeout)
    await expect(canvas.getByRole('alert')).toHaveTextContent('truncated')
    await expect(canvas.getByTestId('text')).not.toHaveTextContent(/^$/)
  },
}

/** A 500 on every attempt ends in an http error once the retries are spent. */
export const ServerError: Story = {
  args: { fault: 'server-error' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Start' }))
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('error'), timeout)
    await expect(canvas.getByRole('alert')).toHaveTextContent('http')
    await expect(canvas.getByTestId('retries')).toHaveTextContent('2')
  },
}

/** The same answer in Anthropic's Messages stream (content_block_delta … message_stop). */
export const AnthropicFormat: Story = {
  args: { format: 'anthropic', ttft: 100, tokenDelay: 15 },
  play: Streaming.play,
}

/** The same answer as Ollama's NDJSON lines, ending with `done: true`. */
export const OllamaFormat: Story = {
  args: { format: 'ollama', ttft: 100, tokenDelay: 15 },
  play: Streaming.play,
}

/** A plain text body: the body is the answer. */
export const TextFormat: Story = {
  args: { format: 'text', ttft: 100, tokenDelay: 15 },
  play: Streaming.play,
}
