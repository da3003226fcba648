import type { Meta, StoryObj } from '@storybook/react-vite'
import type { MockFormat } from 'rivulet/mock'
import { expect } from 'storybook/test'
import { attemptHandler } from './attempt-handler.ts'
import { ask, settled } from './chat-play.ts'
import { ChatExample } from './chat-example.tsx'
import { gfmShowcase } from './markdown-documents.ts'

const meta = {
  title: 'Chat/Formats',
  component: ChatExample,
  parameters: {
    layout: 'fullscreen',
    // Each format's mock at /api/formats/<format>; the chat reads it with format 'auto'.
    msw: [
      attemptHandler('/api/formats/:format', (_, info) => ({
        format: new URL(info.request.url).pathname.split('/').pop() as MockFormat,
        text: gfmShowcase,
        tokenDelay: 4,
        ttft: 200,
      })),
    ],
  },
  args: { url: '/api/formats/openai-chat', format: 'auto', height: '100vh' },
} satisfies Meta<typeof ChatExample>

export default meta
type Story = StoryObj<typeof meta>

/** Ask, and the whole markdown answer arrives in this wire format. */
const play: Story['play'] = async ({ canvas, userEvent }) => {
  await ask(canvas, userEvent, 'Show me every GFM feature')
  const answer = await settled(canvas, 'done')
  await expect(canvas.getByRole('heading', { name: 'Every GFM feature' })).toBeVisible()
  await expect(answer.querySelector('table')).not.toBeNull()
  await expect(answer.querySelector('[data-slot="error-notice"]')).toBeNull()
}

/** OpenAI Chat Completions: SSE `choices[0].delta.content`, ends with `[DONE]`. */
export const OpenAIChat: Story = { args: { url: '/api/formats/openai-chat' }, play }
/** OpenAI Responses: SSE `response.output_text.delta`, ends with `response.completed`. */
export const OpenAIResponses: Story = { args: { url: '/api/formats/openai-responses' }, play }
/** Anthropic Messages: SSE `content_block_delta`, ends with `message_stop`. */
export const Anthropic: Story = { args: { url: '/api/formats/anthropic' }, play }
/** Ollama: NDJSON `message.content`, ends with `done: true`. */
export const Ollama: Story = { args: { url: '/api/formats/ollama' }, play }
/** FastAPI-style SSE of JSON `{ text }`. */
export const SseJson: Story = { args: { url: '/api/formats/sse-json' }, play }
/** NDJSON `{ text }` lines. */
export const Ndjson: Story = { args: { url: '/api/formats/ndjson' }, play }
/** A plain text body. */
export const Text: Story = { args: { url: '/api/formats/text' }, play }
