import { startMockServer, type MockServer } from 'rivulet/mock/server'

type Turn = { role: 'system' | 'user' | 'assistant'; content: string }

const globals = globalThis as { rivuletMock?: Promise<MockServer> }

/**
 * Where the answer comes from: UPSTREAM_URL, OpenAI when OPENAI_API_KEY is set, or else the
 * mock LLM server, started once in this process (so `npm run dev` needs no key).
 */
async function upstreamUrl(): Promise<string> {
  if (process.env.UPSTREAM_URL) return process.env.UPSTREAM_URL
  if (process.env.OPENAI_API_KEY) return 'https://api.openai.com/v1/chat/completions'
  globals.rivuletMock ??= startMockServer({ port: 0 })
  return `${(await globals.rivuletMock).url}/v1/chat/completions`
}

/** Forwards the chat to the model and streams its answer back untouched; the key stays here. */
export async function POST(request: Request): Promise<Response> {
  const { messages } = (await request.json()) as { messages: Turn[] }
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (process.env.OPENAI_API_KEY) headers.authorization = `Bearer ${process.env.OPENAI_API_KEY}`
  const upstream = await fetch(await upstreamUrl(), {
    method: 'POST',
    headers,
    body: JSON.stringify({
      model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
      messages: messages.map(({ role, content }) => ({ role, content })),
      stream: true,
    }),
    // The reader's Stop (or a closed tab) ends the upstream request too.
    signal: request.signal,
  })
  return new Response(upstream.body, {
    status: upstream.status,
    headers: {
      'content-type': upstream.headers.get('content-type') ?? 'text/event-stream',
      'cache-control': 'no-cache',
    },
  })
}
