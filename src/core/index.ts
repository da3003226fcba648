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
export { readSSE } from './read/sse.ts'
export type { ReadSSEOptions } from './read/sse.ts'
export { readLines } from './read/lines.ts'
export { decodeResponse } from './formats/decode-response.ts'
export type { DecodeOptions } from './formats/decode-response.ts'
