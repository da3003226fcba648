export { StreamError, isStreamError, isRetryableStatus } from './errors.ts'
export type { StreamErrorKind, StreamErrorOptions } from './errors.ts'
export type {
  FormatAdapter,
  MessagePart,
  ReasoningDelta,
  ReasoningPart,
  SSEMessage,
  StreamFormat,
  StreamFraming,
  StreamPart,
  ToolCallDelta,
  ToolCallPart,
  Usage,
} from './parts.ts'
export { readSSE } from './read/sse.ts'
export type { ReadSSEOptions } from './read/sse.ts'
export { readLines } from './read/lines.ts'
export { decodeResponse } from './formats/decode-response.ts'
export type { DecodeOptions } from './formats/decode-response.ts'
export { isActive, isTerminal } from './status.ts'
export type { StreamStatus } from './status.ts'
export type {
  RetryOptions,
  StreamController,
  StreamMetrics,
  StreamOptions,
  StreamResult,
  StreamSnapshot,
} from './stream/types.ts'
export { parsePartialJson } from './text/partial-json.ts'
export type { PartialJsonResult } from './text/partial-json.ts'
export { createJsonParser } from './text/json-stream.ts'
export type { JsonParseState, JsonStreamParser } from './text/json-stream.ts'
export { createSmoother } from './text/smooth.ts'
export type { SmoothOptions, Smoother } from './text/smooth.ts'
export { redact } from './text/redact.ts'
export type { RedactOptions } from './text/redact.ts'
export { thinkTags } from './text/think-tags.ts'
export type { ThinkTagsOptions } from './text/think-tags.ts'
export type { TextFilter, TextTransform, TransformOutput } from './text/transform.ts'
export type { ChatController, ChatMessage, ChatOptions, ChatSnapshot } from './chat/types.ts'
export { createStream } from './stream/create-stream.ts'
export { createChat } from './chat/create-chat.ts'
export { toRequestMessages } from './chat/request-messages.ts'
export type { RequestFormat } from './chat/request-messages.ts'
