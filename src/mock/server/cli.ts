import { startMockServer, type MockServer, type MockServerOptions } from './start-mock-server.ts'

const usage = `Usage: rivulet-mock-server [--port 8787] [--host 127.0.0.1] [--ttft ms] [--delay ms] [--jitter ms] [--text "…"]

A mock LLM server for building a chat UI without an API key. Endpoints (POST):
  /v1/chat/completions  OpenAI chat completions      /v1/responses  OpenAI Responses
  /v1/messages          Anthropic Messages           /api/chat, /api/generate  Ollama
  /chat                 FastAPI-style SSE ({"text": …})
Each also answers GET (an EventSource: the body's fields as query parameters, resume with
Last-Event-ID or ?lastEventId=) and WebSocket (ws://, with the ws package installed: the first
message is the body, one message per event).
Per request, by query string or x-mock-<name> header:
  text ttft delay jitter chunk (n or min-max) seed status retry-after error ids retry
  fault = drop-after:N | network-after:N | hang-after:N | malformed-after:N | provider-error-after:N`

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`)
  if (at >= 0) return args[at + 1]
  const inline = args.find((a) => a.startsWith(`--${name}=`))
  return inline?.slice(name.length + 3)
}

function numberFlag(args: string[], name: string, fallback: number): number {
  const value = flag(args, name)
  if (value === undefined) return fallback
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new TypeError(
      `rivulet-mock-server: --${name} must be a non-negative number, got ${value}`,
    )
  }
  return n
}

/**
 * The `rivulet-mock-server` command: starts the server (port 8787, a 250 ms first token and
 * 30 ms between tokens unless told otherwise), prints its URL and stops it on SIGINT/SIGTERM.
 * Resolves to the running server (undefined for `--help`).
 */
export async function runMockServerCli(
  args: string[],
  log: (line: string) => void = console.log,
): Promise<MockServer | undefined> {
  if (args.includes('--help') || args.includes('-h')) {
    log(usage)
    return undefined
  }
  const options: MockServerOptions = {
    port: numberFlag(args, 'port', 8787),
    host: flag(args, 'host') ?? '127.0.0.1',
    defaults: {
      ttft: numberFlag(args, 'ttft', 250),
      tokenDelay: numberFlag(args, 'delay', 30),
      jitter: numberFlag(args, 'jitter', 0),
      text: flag(args, 'text'),
    },
  }
  const server = await startMockServer(options)
  log(
    `rivulet mock LLM server on ${server.url} (try: curl -N -X POST ${server.url}/chat -d '{"message":"hi"}')`,
  )
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return {
    ...server,
    close: () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      return server.close()
    },
  }
}
