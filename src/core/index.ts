export { StreamError, isStreamError, isRetryableStatus } from './errors.ts'
export type { StreamErrorKind, StreamErrorOptions } from './errors.ts'
export type {
  FormatAdapter,
  SSEMessage,
  StreamFormat,
  StreamFraming,
  StreamPart,
  Usage,
} from './parts.ts'
