/** What a mock sees of one request: the request, its parsed body and the prompt in it. */
export interface MockRequestInfo {
  request: Request
  /** The body parsed as JSON, or the raw text when it is not JSON (undefined when empty). */
  body: unknown
  /** The last user message (chat formats), `input` (Responses) or `prompt` (generate). */
  prompt: string
  /** 0 for the first request this mock answered, 1 for the second… */
  call: number
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    // Content parts: [{ type: 'text', text }] (OpenAI, Anthropic) or [{ type: 'input_text', text }].
    return content
      .map((part) => (typeof part === 'string' ? part : textOf((part as { text?: unknown })?.text)))
      .join('')
  }
  return ''
}

/** Finds the prompt in the body shapes of the providers and of simple chat backends. */
export function promptOf(body: unknown): string {
  if (typeof body === 'string') return body
  if (typeof body !== 'object' || body === null) return ''
  const record = body as Record<string, unknown>
  const messages = Array.isArray(record.messages) ? record.messages : undefined
  if (messages) {
    const users = messages.filter((m) => (m as { role?: unknown })?.role === 'user')
    const last = users[users.length - 1] ?? messages[messages.length - 1]
    return textOf((last as { content?: unknown })?.content)
  }
  if (Array.isArray(record.input)) return promptOf({ messages: record.input })
  for (const key of ['input', 'prompt', 'message', 'question', 'query', 'text']) {
    if (typeof record[key] === 'string') return record[key]
  }
  return ''
}

/** Reads a request body once (from a clone, so the request stays readable). */
export async function readBody(request: Request): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined
  const text = await request.clone().text()
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** A rough token count (about four characters a token), for the reported input usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}

/**
 * The answer a mock gives when no text was set: a short markdown reply that quotes the
 * prompt, so a mock chat visibly answers what was typed.
 */
export function defaultReply(prompt: string): string {
  const asked = prompt.trim() === '' ? 'nothing yet' : `“${prompt.trim().slice(0, 200)}”`
  return [
    `You asked ${asked}. This answer is streamed by **rivulet/mock**, token by token.`,
    '',
    'It is plain markdown, so it can show:',
    '',
    '- a list with `inline code`',
    '- a [link](https://example.com)',
    '',
    '```ts',
    "const greeting = 'hello'",
    '```',
  ].join('\n')
}
