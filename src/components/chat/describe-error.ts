import type { StreamError } from 'rivulet/core'
import type { ChatLabels } from './labels.ts'

/** The kind of trouble an error is, as a reader would name it (`data-reason` of `ErrorNotice`). */
export type ErrorReason =
  | 'rate-limited'
  | 'server-error'
  | 'unauthorised'
  | 'bad-request'
  | 'connection-lost'
  | 'offline'
  | 'timeout'
  | 'truncated'
  | 'refused'
  | 'malformed'
  | 'unknown'

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false
}

/** Sorts a `StreamError` by what a reader needs to know: its kind and HTTP status. */
export function errorReason(error: StreamError): ErrorReason {
  const { kind, status } = error
  if (status === 429) return 'rate-limited'
  if (status === 401 || status === 403) return 'unauthorised'
  if (kind === 'http') {
    if (status !== undefined && status >= 500) return 'server-error'
    if (status === 408) return 'timeout'
    return 'bad-request'
  }
  if (kind === 'network') return isOffline() ? 'offline' : 'connection-lost'
  if (kind === 'timeout') return 'timeout'
  if (kind === 'truncated') return 'truncated'
  if (kind === 'provider') return 'refused'
  if (kind === 'parse') return 'malformed'
  return 'unknown'
}

/** One sentence saying what went wrong, from the labels (never the developer message). */
export function describeError(error: StreamError, labels: ChatLabels): string {
  const text = labels.errors
  switch (errorReason(error)) {
    case 'rate-limited':
      return text.rateLimited
    case 'server-error':
      return text.serverError(error.status)
    case 'unauthorised':
      return text.unauthorised
    case 'bad-request':
      return text.badRequest(error.status)
    case 'connection-lost':
      return text.connectionLost
    case 'offline':
      return text.offline
    case 'timeout':
      return text.timeout
    case 'truncated':
      return text.truncated
    case 'refused':
      return text.refused
    case 'malformed':
      return text.malformed
    default:
      return text.unknown
  }
}
