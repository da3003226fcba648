import { StreamError, type ChatMessage, type StreamMetrics } from 'rivulet/core'
import { mockHandler } from 'rivulet/mock'

/** The mock every part story's chat talks to (a short answer, quickly). */
export const partUrl = '/api/parts'
export const partHandlers = [
  mockHandler(partUrl, (info) => ({
    text: `You asked “${info.prompt}”. Here is a short answer.`,
    ttft: 100,
    tokenDelay: 10,
  })),
]

export const metrics: StreamMetrics = {
  ttft: 412,
  duration: 3870,
  tokens: 182,
  chars: 911,
  bytes: 24_310,
  tokensPerSecond: 52.7,
  retries: 0,
}

export const question: ChatMessage = {
  id: 'q1',
  role: 'user',
  content: 'Can you show me a fetch in TypeScript?\nKeep it short, please.',
  status: 'done',
}

export const answer: ChatMessage = {
  id: 'a1',
  role: 'assistant',
  content: [
    '## A fetch in TypeScript',
    '',
    'Use `fetch` and read the **JSON** body:',
    '',
    '```ts',
    "const response = await fetch('/api/items')",
    'const items: string[] = await response.json()',
    '```',
    '',
    '- It returns a promise',
    '- Errors need `response.ok`',
  ].join('\n'),
  status: 'done',
  metrics,
}

export const stopped: ChatMessage = {
  id: 'a2',
  role: 'assistant',
  content: 'The first half of an answer that the reader stopped',
  status: 'aborted',
}

export const failed: ChatMessage = {
  id: 'a3',
  role: 'assistant',
  content: 'An answer that started, then',
  status: 'error',
  error: new StreamError('http', 'openai-chat: HTTP 503', { status: 503 }),
}

/** One error of each kind a reader can meet, with the sentence they should read. */
export const errors = {
  rateLimited: new StreamError('http', 'HTTP 429', { status: 429, retryAfter: 2000 }),
  serverError: new StreamError('http', 'HTTP 500', { status: 500 }),
  unauthorised: new StreamError('http', 'HTTP 401', { status: 401 }),
  connectionLost: new StreamError('network', 'network: terminated'),
  truncated: new StreamError('truncated', 'truncated: no [DONE]'),
  refused: new StreamError('provider', 'provider: overloaded_error', { code: 'overloaded_error' }),
}
