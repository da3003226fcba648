/** What went wrong, as a discriminator. */
export type StreamErrorKind =
  'http' | 'network' | 'timeout' | 'parse' | 'provider' | 'truncated' | 'aborted'

/** The details of a `StreamError` besides its kind and message. */
export interface StreamErrorOptions {
  /** HTTP status, for kind `'http'` (and a provider error that carries one). */
  status?: number
  /** Overrides the default derived from `kind` and `status`. */
  retryable?: boolean
  /** The text that had arrived before the error. */
  partialText?: string
  /** `Retry-After` of an HTTP error, in ms from when it was received. */
  retryAfter?: number
  /** A provider's own error code or type, such as `rate_limit_error`. */
  code?: string
  cause?: unknown
}

// A registry-wide symbol, so two copies of rivulet in one app recognise each other's errors.
const marker = Symbol.for('rivulet.error')

/**
 * Network errors, timeouts, truncation, 408, 429 and 5xx are worth another try;
 * other 4xx, parse and provider errors (unless they carry such a status) are not.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

function defaultRetryable(kind: StreamErrorKind, status: number | undefined): boolean {
  if (kind === 'network' || kind === 'timeout' || kind === 'truncated') return true
  if ((kind === 'http' || kind === 'provider') && status !== undefined) {
    return isRetryableStatus(status)
  }
  return false
}

/**
 * Every failure of a stream is a `StreamError`: a typed value with a `kind`, whether it is
 * worth retrying, and the text that had already arrived, which is never lost.
 *
 * @example
 * if (isStreamError(error) && error.kind === 'http' && error.status === 401) signIn()
 */
export class StreamError extends Error {
  readonly kind: StreamErrorKind
  readonly status?: number
  readonly retryable: boolean
  readonly partialText: string
  readonly retryAfter?: number
  readonly code?: string
  readonly [marker] = true

  constructor(kind: StreamErrorKind, message: string, options: StreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'StreamError'
    this.kind = kind
    this.status = options.status
    this.retryable = options.retryable ?? defaultRetryable(kind, options.status)
    this.partialText = options.partialText ?? ''
    this.retryAfter = options.retryAfter
    this.code = options.code
  }

  /** The same error with `partialText` set to the text shown when it happened. */
  withPartialText(partialText: string): StreamError {
    if (partialText === this.partialText) return this
    return new StreamError(this.kind, this.message, { ...this, cause: this.cause, partialText })
  }
}

/** True for a `StreamError` from any copy of rivulet. */
export function isStreamError(error: unknown): error is StreamError {
  return typeof error === 'object' && error !== null && marker in error
}
