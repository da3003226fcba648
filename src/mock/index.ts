export { mockStream, mockCompletion } from './mock-stream.ts'
export { mockHandler, mockChatHandler, chatPace } from './mock-handler.ts'
export { parseFault } from './faults.ts'
export { mockFormats } from './encoders.ts'
export type { MockFormat } from './encoders.ts'
export type { MockFault } from './faults.ts'
export type { MockStreamOptions, MockToolCall } from './mock-options.ts'
export type { MockHandlerOptions } from './mock-handler.ts'
export type { MockRequestInfo } from './request-info.ts'
export { recordStream, replayStream } from './cassette.ts'
export type { Cassette, CassetteChunk, RecordOptions, ReplayOptions } from './cassette.ts'
export { mockWebSocket } from './socket/mock-web-socket.ts'
export type {
  MockSocketConnection,
  MockSocketScript,
  MockWebSocketClass,
} from './socket/mock-web-socket.ts'
export { socketMessages } from './socket/socket-messages.ts'
export { mockSocketHandler } from './socket-handler.ts'
