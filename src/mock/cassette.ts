import { scheduledBody, type BodyEnd } from './scheduled-body.ts'

/** One chunk of a recorded body: when it arrived and its bytes (as text when they are valid UTF-8). */
export type CassetteChunk =
  { t: number; text: string; base64?: undefined } | { t: number; base64: string; text?: undefined }

/**
 * A recorded response as JSON: status, headers and every body chunk with the ms since the
 * recording started at which it arrived, then how the body ended.
 */
export interface Cassette {
  version: 1
  status: number
  statusText: string
  headers: [string, string][]
  chunks: CassetteChunk[]
  /** `'close'`: the body ended; `'error'`: reading it failed; `'cancel'`: the app stopped reading. */
  end: 'close' | 'error' | 'cancel'
  /** The read error's message, for `end: 'error'`. */
  error?: string
  /** Ms from the start of the recording to the end of the body. */
  duration: number
}

/** Options of `recordStream`. */
export interface RecordOptions {
  /** The clock, in ms. @defaultValue performance.now */
  now?: () => number
}

const fatal = new TextDecoder('utf-8', { fatal: true })

function toChunk(t: number, bytes: Uint8Array): CassetteChunk {
  try {
    // A chunk cut inside a UTF-8 character is not text on its own: it is kept as base64.
    const text = fatal.decode(bytes)
    if (new TextEncoder().encode(text).length === bytes.length) return { t, text }
  } catch {
    // fall through
  }
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return { t, base64: btoa(binary) }
}

function fromChunk(chunk: CassetteChunk): Uint8Array {
  if (typeof chunk.text === 'string') return new TextEncoder().encode(chunk.text)
  const binary = atob(chunk.base64 as string)
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

const round = (ms: number) => Math.round(ms * 1000) / 1000

/**
 * Records a response while the app reads it: returns a stand-in `response` to use instead
 * (same status, headers and bytes, read at the pace they arrive) and a `cassette` promise
 * that settles when the body ends, fails or the app cancels it.
 *
 * @example
 * const { response, cassette } = recordStream(await fetch('/api/chat', init))
 * cassette.then((c) => console.log(JSON.stringify(c)))
 * return response
 */
export function recordStream(
  response: Response,
  options: RecordOptions = {},
): { response: Response; cassette: Promise<Cassette> } {
  if (typeof response !== 'object' || response === null || !(response.headers instanceof Headers)) {
    throw new TypeError(`recordStream: response must be a Response, got ${String(response)}`)
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new TypeError(
      `recordStream: now must be a function returning ms, got ${String(options.now)}`,
    )
  }
  const now = options.now ?? (() => performance.now())
  const start = now()
  const chunks: CassetteChunk[] = []
  const base = {
    version: 1 as const,
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
  }
  let settle!: (cassette: Cassette) => void
  const cassette = new Promise<Cassette>((resolve) => (settle = resolve))
  const finish = (end: Cassette['end'], error?: unknown) =>
    settle({
      ...base,
      chunks,
      end,
      ...(error === undefined
        ? {}
        : { error: error instanceof Error ? error.message : String(error) }),
      duration: round(now() - start),
    })

  if (!response.body) {
    finish('close')
    return { response, cassette }
  }
  const reader = response.body.getReader()
  let cancelled = false
  // Read eagerly, as the network delivers, so the times are arrival times, not the app's.
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (cancelled) return
          if (done) break
          chunks.push(toChunk(round(now() - start), value))
          controller.enqueue(value)
        }
        finish('close')
        controller.close()
      } catch (error) {
        if (cancelled) return
        finish('error', error)
        controller.error(error)
      }
    },
    cancel(reason) {
      cancelled = true
      finish('cancel')
      return reader.cancel(reason)
    },
  })
  const copy = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
  return { response: copy, cassette }
}

/** Options of `replayStream`. */
export interface ReplayOptions {
  /**
   * Playback speed: 2 halves every gap, 0 replays everything at once.
   * @defaultValue 1
   */
  speed?: number
  /** Aborting it stops the replay (its body errors with the abort reason). */
  signal?: AbortSignal
}

function invalid(path: string, expected: string, value: unknown): never {
  throw new TypeError(`replayStream: ${path} must be ${expected}, got ${JSON.stringify(value)}`)
}

function checkCassette(cassette: Cassette) {
  if (typeof cassette !== 'object' || cassette === null) invalid('cassette', 'an object', cassette)
  if (cassette.version !== 1) invalid('cassette.version', '1', cassette.version)
  if (!Number.isInteger(cassette.status)) invalid('cassette.status', 'an integer', cassette.status)
  if (!Array.isArray(cassette.chunks)) invalid('cassette.chunks', 'an array', cassette.chunks)
  cassette.chunks.forEach((chunk, i) => {
    if (typeof chunk?.t !== 'number' || !Number.isFinite(chunk.t)) {
      invalid(`cassette.chunks[${i}].t`, 'a number of ms', chunk?.t)
    }
    if (typeof chunk.text !== 'string' && typeof chunk.base64 !== 'string') {
      invalid(`cassette.chunks[${i}]`, 'a chunk with text or base64', chunk)
    }
  })
}

/**
 * A `Response` that plays a cassette back: the same status, headers and chunks, with the
 * same gaps between them (divided by `speed`), ending the way the recording ended.
 *
 * @example
 * const response = replayStream(cassette, { speed: 2 })
 *
 * @throws TypeError naming the field, for a cassette or option that is not valid.
 */
export function replayStream(cassette: Cassette, options: ReplayOptions = {}): Response {
  checkCassette(cassette)
  const speed = options.speed ?? 1
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0) {
    throw new TypeError(`replayStream: speed must be a non-negative number, got ${String(speed)}`)
  }
  let previous = 0
  const steps = cassette.chunks.map((chunk) => {
    const gap = Math.max(0, chunk.t - previous)
    previous = Math.max(previous, chunk.t)
    return { delay: speed === 0 ? 0 : gap / speed, chunks: [fromChunk(chunk)] }
  })
  const end: BodyEnd = cassette.end === 'error' ? 'error' : 'close'
  const nullBody = cassette.status === 204 || cassette.status === 304
  return new Response(nullBody ? null : scheduledBody(steps, end, options.signal), {
    status: cassette.status,
    statusText: cassette.statusText ?? '',
    headers: cassette.headers,
  })
}
