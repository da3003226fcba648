// Node side of the transport end-to-end tests in Chromium: browser commands (run by Vitest in
// node, called from the page as `commands.*`) that start rivulet-mock-server and the example
// FastAPI backend on 127.0.0.1 and report what each server generated. Not a test file.
import type { BrowserCommand } from 'vitest/node'
import {
  startMockServer,
  type MockServer,
  type StreamEndInfo,
} from '../../src/mock/server/index.ts'
import {
  startFastApi,
  type BackendEvent,
  type FastApiBackend,
} from '../integration/fastapi-harness.ts'

let mock: Promise<MockServer> | undefined
let fastapi: Promise<FastApiBackend> | undefined
/** The running backend, for the exit handler (which cannot wait for a promise). */
let running: FastApiBackend | undefined
const ends: StreamEndInfo[] = []

/** The URLs of the two servers, started on the first call and shared by later ones. */
export interface TransportServers {
  mock: string
  fastapi: string
}

const startTransportServers: BrowserCommand<[]> = async (): Promise<TransportServers> => {
  mock ??= startMockServer({ onStreamEnd: (info) => ends.push(info) })
  // Any origin: the test page's port is Vitest's, not known here. A token every 50 ms: stop
  // and unmount are measured against it (within one token) on a loaded machine too.
  fastapi ??= startFastApi({ TOKEN_DELAY: '0.05', FAKE_WORDS: '30', CORS_ORIGINS: '*' }).then(
    (backend) => (running = backend),
  )
  return { mock: (await mock).url, fastapi: (await fastapi).url }
}

/** How many answers the mock server has reported ended, and its reports from the `from`-th on. */
const mockStreamEnds: BrowserCommand<[from: number]> = (_context, from) => ({
  count: ends.length,
  ends: ends.slice(from),
})

/** The FastAPI backend's log lines for one prompt. */
const fastapiEvents: BrowserCommand<[prompt: string]> = async (
  _context,
  prompt,
): Promise<BackendEvent[]> => (await fastapi)?.eventsOf(prompt) ?? []

const stopTransportServers: BrowserCommand<[]> = async () => {
  const [m, f] = [mock, fastapi]
  mock = fastapi = running = undefined
  await Promise.all([m?.then((s) => s.close()), f?.then((s) => s.close())])
}

/** Node's clock, for comparing with the servers' timestamps (same machine, same clock). */
const nodeNow: BrowserCommand<[]> = () => Date.now()

export const transportCommands = {
  startTransportServers,
  mockStreamEnds,
  fastapiEvents,
  stopTransportServers,
  nodeNow,
}

// A test run that ends without stopTransportServers (a crash) leaves no uvicorn behind.
process.once('exit', () => {
  void running?.close()
})
