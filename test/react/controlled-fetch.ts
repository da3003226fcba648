/**
 * An injected `fetch` whose responses the test writes by hand, as openai-chat SSE.
 * Each call is recorded with its url, body and abort signal, so a test can tell how many
 * requests were sent and whether the hook aborted them.
 */
export function controlledFetch() {
  const encoder = new TextEncoder()
  const requests: {
    url: string
    body: string | undefined
    headers: Headers
    signal: AbortSignal | undefined
    token(text: string): void
    finish(): void
    fail(): void
  }[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let controller!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
    const send = (line: string) => controller.enqueue(encoder.encode(`data: ${line}\n\n`))
    const signal = init?.signal ?? undefined
    signal?.addEventListener('abort', () => controller.error(signal.reason))
    requests.push({
      url: String(input instanceof Request ? input.url : input),
      body: typeof init?.body === 'string' ? init.body : undefined,
      headers: new Headers(init?.headers),
      signal,
      token: (text) => send(JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })),
      finish: () => {
        send(JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }))
        send('[DONE]')
        controller.close()
      },
      // The connection drops mid-stream: no terminator, so the stream is truncated.
      fail: () => controller.close(),
    })
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })
  }
  return { fetch, requests }
}
