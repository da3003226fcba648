import type { StreamError } from '../errors.ts'
import type { MessagePart, StreamFormat, StreamPart, Usage } from '../parts.ts'
import type { StreamStatus } from '../status.ts'
import type { SmoothOptions } from '../text/smooth.ts'
import type { TextTransform } from '../text/transform.ts'

/**
 * Measurements of one stream, updated as it runs (in every snapshot, not only at the end).
 * Times are ms from `start()`, so they include failed attempts and backoff waits before them.
 */
export interface StreamMetrics {
  /** Time from `start()` to the first text part (of any attempt). */
  ttft?: number
  /** Time from `start()` to the latest event (to the end once settled). */
  duration?: number
  /** Text parts received, over all attempts. */
  tokens: number
  /** Characters of text received, over all attempts. */
  chars: number
  /** Bytes of response bodies received, over all attempts. */
  bytes: number
  /**
   * `tokens / ((duration - ttft) / 1000)`: text parts per second over the time from the first
   * text part to the latest event (to the end once settled; a stop ends it too). Undefined
   * until time has passed after the first text part, so it is never `Infinity`.
   */
  tokensPerSecond?: number
  /** Reconnections made after a failed attempt. */
  retries: number
}

/**
 * What a stream shows at one moment. A new frozen object whenever anything changes, and a plain
 * one: own enumerable data properties only, so a spread, `structuredClone` or `JSON.stringify`
 * keeps every field.
 */
export interface StreamSnapshot {
  status: StreamStatus
  /** The text shown so far (after `transform` and `smooth`). */
  text: string
  /**
   * Reasoning so far: the provider's (Anthropic thinking, `reasoning_content`, Ollama
   * `thinking`…) and what a transform set aside, such as `<think>` content from `thinkTags()`.
   */
  reasoning?: string
  /**
   * The answer as parts in arrival order: text, reasoning, tool calls (arguments filling in)
   * and sources. Adjacent deltas of one kind merge into one part; a part that did not change
   * is the same object in the next snapshot.
   */
  parts: MessagePart[]
  /**
   * With `output: 'json'`: the value parsed from `text` so far (absent until something valid
   * arrived). A value once handed out never changes. The next one shares every array and
   * object that was already closed; only the open ones (the path to the last value) are new
   * copies.
   */
  object?: unknown
  /** Set only together with status `error`; `error.partialText === text`. */
  error?: StreamError
  /**
   * The latest failure of this run, also one that is being retried: set as the status turns
   * `retrying` (so a UI can say why it reconnects, e.g. "HTTP 503, retrying…"), kept while the
   * retry runs and after it succeeds, the same as `error` once the run fails for good. Cleared
   * by `start()` and `reset()`. Unlike `error`, it says nothing about the status.
   */
  lastError?: StreamError
  finishReason?: string
  usage?: Usage
  metrics: StreamMetrics
}

/**
 * How a settled stream ended; what `start()` resolves with: the fields of the final snapshot
 * (a plain copy, without the fields that are unset).
 */
export type StreamResult = StreamSnapshot

/** Retry policy. Delays are ms; delay n is `baseDelay * factor ** n`, capped at `maxDelay`. */
export interface RetryOptions {
  /** Reconnections allowed after the first attempt. */
  retries: number
  /** @defaultValue 1000 */
  baseDelay?: number
  /**
   * Caps the backoff, not the server: a `Retry-After` (RFC 9110 §10.2.3) or SSE `retry:` above
   * it is still waited for. To give up on a long wait, decline in `retryOn` by `error.retryAfter`.
   * @defaultValue 10000
   */
  maxDelay?: number
  /**
   * With the defaults the waits are 0.5–1 s, then 1.5–3 s: a server restarted within two
   * seconds is reached. @defaultValue 3
   */
  factor?: number
  /** Spread each delay randomly over [delay / 2, delay]. @defaultValue true */
  jitter?: boolean
  /**
   * Decides last, for errors the rules would retry and for those they would not.
   * `attempt` is the number of the retry about to be made (1 for the first).
   */
  retryOn?: (error: StreamError, attempt: number) => boolean
}

/** Options of `createStream`. */
export interface StreamOptions {
  /** Where to send the request. */
  url?: string | URL
  /** @defaultValue 'POST' when there is a body, else 'GET' */
  method?: string
  /** Request headers, or a function giving them per request (fresh tokens on each retry). */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>)
  /**
   * The request body, or a function of the `start(input)` argument. Plain objects are sent as
   * JSON. Without it, a `start(input)` argument is itself the body.
   */
  body?: unknown
  /** Injected transport. @defaultValue globalThis.fetch */
  fetch?: typeof fetch
  /**
   * How the stream travels. `'fetch'`: a fetched response body. `'eventsource'`: the browser's
   * `EventSource` (a GET: a JSON object body goes as query parameters, headers cannot be set,
   * a resume sends the last event ID as the `lastEventId` query parameter; rivulet closes the
   * source on error and retries by its own policy, so it never reconnects on its own).
   * `'websocket'`: opens the URL (`http(s):` becomes `ws(s):`), sends the body as the first
   * message, and reads each message as one event of the format; a normal close (1000) is the
   * end, any other close a dropped connection; `stop()` closes with 1000.
   * @defaultValue 'fetch'
   */
  transport?: 'fetch' | 'eventsource' | 'websocket'
  /** The EventSource constructor for `transport: 'eventsource'`. @defaultValue globalThis.EventSource */
  EventSource?: typeof EventSource
  /** The WebSocket constructor for `transport: 'websocket'`. @defaultValue globalThis.WebSocket */
  WebSocket?: typeof WebSocket
  /**
   * Whether to send cookies and HTTP auth: fetch's `credentials`; `'include'` is the
   * EventSource's `withCredentials`. @defaultValue the fetch default, `'same-origin'`
   */
  credentials?: RequestCredentials
  /** @defaultValue 'auto' */
  format?: StreamFormat
  /**
   * `false`, a number of retries, or a policy. Network errors, timeouts, truncation, 408, 429
   * and 5xx are retried; other 4xx are not. A `Retry-After` sets the floor of the delay after
   * its response; the SSE `retry:` field (WHATWG reconnection time) the floor of every later
   * one. HTTP 204 (and 205) end the stream as `done` without a retry: WHATWG's way for a
   * server to say "do not reconnect"; the text shown so far stays.
   * @defaultValue 2 retries, exponential backoff with jitter
   */
  retry?: false | number | RetryOptions
  /**
   * How a dropped stream continues. `'auto'`: with `Last-Event-ID` and appending when the SSE
   * stream carried ids, else by restarting and replacing the partial text. `'restart'`: always
   * restart. `false`: a stream that already delivered text is not reconnected; failures before
   * any text still retry. On a resume, messages whose event id was already delivered in this
   * run are skipped until a new id arrives, so a server that ignores `Last-Event-ID` and replays
   * from the start does not double the text. @defaultValue 'auto'
   */
  resume?: 'auto' | 'restart' | false
  /**
   * ms. `firstByte` (from each request to its response) and `idle` (between bytes) count as a
   * dropped connection (kind `'timeout'`, retried). `total` is a deadline for the whole stream,
   * retries and their waits included: when it passes, the stream ends with a `'timeout'` error
   * that is not retried (a server trickling a byte at a time cannot hold it open forever).
   */
  timeout?: { firstByte?: number; idle?: number; total?: number }
  /**
   * The longest SSE line or event, NDJSON line or JSON document read whole, in characters of
   * decoded text (bytes, for ASCII). A longer one ends the stream with a `'parse'` error that
   * is not retried, instead of growing memory until the process dies.
   * @defaultValue 4 MiB
   */
  maxEventSize?: number
  /** Release text at a steady pace. @defaultValue false */
  smooth?: false | SmoothOptions
  /** `'json'`: `object` holds the value parsed so far. @defaultValue 'text' */
  output?: 'text' | 'json'
  /** Buffer-and-release filters over the text, applied in order. */
  transform?: TextTransform | readonly TextTransform[]
  /** Every text, data and finish part as it arrives (before transforms and smoothing); failures go to `onError`. */
  onPart?(part: StreamPart): void
  /** The stream completed (status `done`). */
  onFinish?(result: StreamResult): void
  /** The stream failed for good (status `error`), after any retries. Not called for `stop()`. */
  onError?(error: StreamError): void
}

/** The framework-agnostic stream controller: a store plus commands. */
export interface StreamController {
  /**
   * The same object until something changes (`useSyncExternalStore`-safe). With
   * `output: 'json'`, the first call after a change adds `object`, parsing only the text that
   * arrived since the call before: a stream whose snapshot nobody reads parses nothing.
   */
  getSnapshot(): StreamSnapshot
  /**
   * `getSnapshot().status` without making the snapshot: what to call on every update to ask
   * whether the stream still runs (the React hooks' throttle does), since with
   * `output: 'json'` each `getSnapshot()` after a change parses and copies the open value.
   */
  getStatus(): StreamStatus
  subscribe(listener: () => void): () => void
  /** Aborts a running stream first; never rejects. */
  start(input?: unknown): Promise<StreamResult>
  /** Abort: status `aborted`, text kept, no further requests. */
  stop(): void
  /** Restart the last request. */
  retry(): Promise<StreamResult>
  reset(): void
  /**
   * Replaces the options (all of them: a key left out is unset). They are read when used, so
   * the next request, retry or run sees them; a running request keeps what it was sent with.
   * Throws for misuse, as `createStream` does.
   */
  setOptions(options: StreamOptions): void
}
