import { createParser } from 'eventsource-parser'

/** How the response a socket relays is framed, from its Content-Type. */
function framingOf(response: Response): 'sse' | 'ndjson' | 'text' {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'text/event-stream') return 'sse'
  if (type.includes('ndjson') || type.includes('jsonl') || type.includes('json-lines'))
    return 'ndjson'
  return 'text'
}

/**
 * The messages a WebSocket server sends for a mock's streamed response: one message per SSE
 * event (its data; the event name is in the JSON's `type` for the providers that name events),
 * per NDJSON line, or per piece of text — each when its bytes arrive, so the socket keeps the
 * mock's timing. A body that fails (a network fault) throws; one that hangs never ends.
 */
export async function* socketMessages(response: Response): AsyncGenerator<string, void, undefined> {
  if (!response.body) return
  const framing = framingOf(response)
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const ready: string[] = []
  let line = ''
  const parser = createParser({ onEvent: (event) => ready.push(event.data) })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true })
      if (framing === 'sse') parser.feed(text)
      else if (framing === 'text') {
        if (text) ready.push(text)
      } else {
        line += text
        const lines = line.split('\n')
        line = lines.pop() ?? ''
        for (const full of lines) if (full.trim() !== '') ready.push(full)
        if (done && line.trim() !== '') ready.push(line)
      }
      yield* ready.splice(0)
      if (done) return
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
}
