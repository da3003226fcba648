/**
 * An injected `fetch` that plays a script, one step per request, driven by (fake) timers.
 * Each step says how the response starts (status, headers, a delay before headers) and how
 * its body goes: chunks with optional pauses, then close, a network error, or a hang. Every
 * body honours the request's abort signal like a real fetch body does.
 */
export interface Step {
  status?: number
  headers?: Record<string, string>
  /** ms before the response (headers) arrives. */
  headersDelay?: number
  /** The fetch itself fails (DNS, connection refused). */
  reject?: boolean
  /** Body pieces; a number is a pause of that many ms. */
  body?: (string | number)[]
  /** After the body: end normally, fail like a dropped connection, or never end. */
  end?: 'close' | 'error' | 'hang'
}

/** What the script saw of one request. */
export interface RecordedRequest {
  url: string
  method: string
  headers: Headers
  body: string | undefined
  credentials: RequestCredentials | undefined
  /** The request's signal was aborted (the connection closed by the client). */
  aborted: boolean
}

const encoder = new TextEncoder()

function abortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError')
}

/** A fetch that answers request n with `steps[n]` (a step may depend on the request). */
export function scriptedFetch(steps: (Step | ((request: RecordedRequest) => Step))[]) {
  const requests: RecordedRequest[] = []
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const signal = init.signal ?? undefined
    const record: RecordedRequest = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      credentials: init.credentials,
      aborted: false,
    }
    signal?.addEventListener('abort', () => (record.aborted = true), { once: true })
    requests.push(record)
    const entry = steps[requests.length - 1]
    if (!entry) throw new Error(`scriptedFetch: unexpected request #${requests.length}`)
    const step = typeof entry === 'function' ? entry(record) : entry
    if (step.headersDelay) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, step.headersDelay)
        signal?.addEventListener('abort', () => {
          clearTimeout(timer)
          reject(abortError())
        })
      })
    }
    if (signal?.aborted) throw abortError()
    if (step.reject) throw new TypeError('fetch failed')
    const pieces = [...(step.body ?? [])]
    // A pull source: an error or hang comes only after every chunk was read, as on a socket.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal?.addEventListener('abort', () => {
          try {
            controller.error(abortError())
          } catch {
            // already closed
          }
        })
      },
      async pull(controller) {
        for (;;) {
          if (signal?.aborted) return
          const piece = pieces.shift()
          if (piece === undefined) {
            if (step.end === 'error') controller.error(new TypeError('terminated'))
            else if (step.end === 'hang') await new Promise(() => {})
            else controller.close()
            return
          }
          if (typeof piece === 'number') {
            await new Promise((resolve) => setTimeout(resolve, piece))
            continue
          }
          controller.enqueue(encoder.encode(piece))
          return
        }
      },
    })
    const status = step.status ?? 200
    // A null-body status (204, 205, 304) cannot carry a body, as with a real fetch.
    const nullBody = status === 204 || status === 205 || status === 304
    return new Response(nullBody ? null : body, {
      status,
      headers: { 'content-type': 'text/event-stream', ...step.headers },
    })
  }
  return { fetch: fetch as typeof globalThis.fetch, requests }
}

/** One OpenAI chat-completions SSE event carrying `text`, with an optional event id. */
export function chatEvent(text: string, id?: string | number): string {
  const data = JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })
  return `${id === undefined ? '' : `id: ${id}\n`}data: ${data}\n\n`
}

/** The OpenAI terminator. */
export const chatDone = 'data: [DONE]\n\n'
