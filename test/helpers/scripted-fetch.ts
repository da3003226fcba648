import { createStream, type StreamOptions } from 'rivulet/core'

/**
 * The one fake `fetch` of the tests. Request n plays `steps[n]` (a step may depend on the
 * request), driven by (fake) timers: how the response starts (status, headers, a delay before
 * headers) and how its body goes: pieces with optional pauses, then close, a network error, a
 * hang, or `open`, where the test pushes the rest through the recorded request. Without steps,
 * every request gets an open body. Every body honours the request's abort signal like a real
 * fetch body does. A step can also be a ready-made `Response` (such as the library's
 * `mockStream`), which the request gets as it is.
 */
export interface Step {
  status?: number
  headers?: Record<string, string>
  /** ms before the response (headers) arrives. */
  headersDelay?: number
  /** The fetch itself fails (DNS, connection refused). */
  reject?: boolean
  /** Body pieces (text is sent as UTF-8); a number is a pause of that many ms. */
  body?: (string | Uint8Array | number)[]
  /**
   * After the body: end normally, fail like a dropped connection, never end, or stay open for
   * the test (`push`, `end`, `error` on the recorded request).
   */
  end?: 'close' | 'error' | 'hang' | 'open'
  /** The body ignores the abort signal and keeps producing, like a stuck proxy. */
  deaf?: boolean
}

/** What the script saw of one request, and (for an open body) how the test goes on with it. */
export interface RecordedRequest {
  url: string
  method: string
  headers: Headers
  body: string | undefined
  /** The body parsed as JSON; undefined without a body or when it is not JSON. */
  json: unknown
  credentials: RequestCredentials | undefined
  signal: AbortSignal | undefined
  /** The request's signal was aborted (the connection closed by the client). */
  aborted: boolean
  /** When it went, in (fake) ms since the script was made (as in `times`). */
  at: number
  /** Sends a body piece. */
  push(piece: string | Uint8Array): void
  /** Sends the pieces given, then ends the body normally. */
  end(...pieces: (string | Uint8Array)[]): void
  /** The connection drops: the body fails like a reset socket. */
  error(): void
}

const encoder = new TextEncoder()

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function abortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError')
}

/** What a request gets: a scripted step, or a ready-made response returned as it is. */
export type Answer = Step | Response

/**
 * A fetch that answers request n with `steps[n]`, or every request with `steps(request)`;
 * without steps, every request stays open.
 * `times` holds when each request went, in (fake) ms since the script was made.
 */
export function scriptedFetch(
  steps?:
    (Answer | ((request: RecordedRequest) => Answer))[] | ((request: RecordedRequest) => Answer),
) {
  const requests: RecordedRequest[] = []
  const times: number[] = []
  const t0 = Date.now()
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const at = Date.now() - t0
    times.push(at)
    const signal = init.signal ?? undefined
    // Pieces the body still has to deliver, how it ends once they are out (unset: open), and
    // the read waiting for the test to push.
    const pieces: (string | Uint8Array | number)[] = []
    let end: 'close' | 'error' | 'hang' | undefined
    let wake: (() => void) | undefined
    const poke = () => {
      wake?.()
      wake = undefined
    }
    const body = typeof init.body === 'string' ? init.body : undefined
    const record: RecordedRequest = {
      url: input instanceof Request ? input.url : String(input),
      method: init.method ?? (input instanceof Request ? input.method : 'GET'),
      headers: new Headers(init.headers),
      body,
      json: parseJson(body),
      credentials: init.credentials,
      signal,
      aborted: false,
      at,
      push(piece) {
        pieces.push(piece)
        poke()
      },
      end(...rest) {
        pieces.push(...rest)
        end = 'close'
        poke()
      },
      error() {
        end = 'error'
        poke()
      },
    }
    signal?.addEventListener('abort', () => (record.aborted = true), { once: true })
    requests.push(record)
    const entry =
      typeof steps === 'function'
        ? steps
        : steps
          ? steps[requests.length - 1]
          : { end: 'open' as const }
    if (!entry) throw new Error(`scriptedFetch: unexpected request #${requests.length}`)
    const step = typeof entry === 'function' ? entry(record) : entry
    if (step instanceof Response) return step
    pieces.unshift(...(step.body ?? []))
    if (step.end !== 'open') end = step.end ?? 'close'
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
    // A pull source: an error or hang comes only after every piece was read, as on a socket.
    const heard = step.deaf ? undefined : signal
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        heard?.addEventListener('abort', () => {
          try {
            controller.error(abortError())
          } catch {
            // already closed
          }
        })
      },
      async pull(controller) {
        for (;;) {
          if (heard?.aborted) return
          const piece = pieces.shift()
          if (piece === undefined) {
            if (end === undefined) await new Promise<void>((resolve) => (wake = resolve))
            else if (end === 'error') return controller.error(new TypeError('terminated'))
            else if (end === 'hang') return void (await new Promise(() => {}))
            else return controller.close()
            continue
          }
          if (typeof piece === 'number') {
            await new Promise((resolve) => setTimeout(resolve, piece))
            continue
          }
          controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece)
          return
        }
      },
    })
    const status = step.status ?? 200
    // A null-body status (204, 205, 304) cannot carry a body, as with a real fetch.
    const nullBody = status === 204 || status === 205 || status === 304
    return new Response(nullBody ? null : stream, {
      status,
      headers: { 'content-type': 'text/event-stream', ...step.headers },
    })
  }
  return { fetch: fetch as typeof globalThis.fetch, requests, times }
}

/**
 * A stream whose requests play `steps`: `createStream` on the script's fetch, at `/api` in
 * the `openai-chat` format unless `options` say otherwise.
 */
export function scriptedStream(
  steps: Parameters<typeof scriptedFetch>[0],
  options: Partial<StreamOptions> = {},
) {
  const script = scriptedFetch(steps)
  const stream = createStream({
    url: '/api',
    format: 'openai-chat',
    fetch: script.fetch,
    ...options,
  })
  return { ...script, stream }
}

/** One OpenAI chat-completions SSE event carrying `text`, with an optional event id. */
export function chatEvent(text: string, id?: string | number): string {
  const data = JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })
  return `${id === undefined ? '' : `id: ${id}\n`}data: ${data}\n\n`
}

/** The OpenAI chunk that ends a choice (finish_reason stop, an empty delta). */
export const chatStop = `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`

/** The OpenAI terminator. */
export const chatDone = 'data: [DONE]\n\n'
