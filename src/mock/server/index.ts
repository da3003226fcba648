export { startMockServer } from './start-mock-server.ts'
export type { MockServer, MockServerOptions } from './start-mock-server.ts'
export type { StreamEndInfo, StreamEndReason } from './send-response.ts'
export { runMockServerCli } from './cli.ts'
