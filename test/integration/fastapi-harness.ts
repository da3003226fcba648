import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { fileURLToPath } from 'node:url'

/** The example backend's folder, relative to this file. */
const appDir = fileURLToPath(new URL('../../examples/fastapi/', import.meta.url))
/** Debian's interpreter: it sees the fastapi and uvicorn packages (`python3` on PATH may not). */
const python = process.env.RIVULET_PYTHON ?? '/usr/bin/python3'

/** One JSON line the example logs: start, token, disconnect or done. */
export interface BackendEvent {
  event: 'start' | 'token' | 'disconnect' | 'done'
  route: string
  prompt: string
  n?: number
  tokens?: number
  /** When it happened: Unix time in ms (the same clock as `Date.now()` here). */
  t: number
}

/** A free TCP port on 127.0.0.1 (the OS picks it; it is closed again before use). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Whether something accepts connections on the port now. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The example FastAPI backend under uvicorn on 127.0.0.1, with the events it logged. */
export interface FastApiBackend {
  url: string
  port: number
  events: BackendEvent[]
  /** Events for one prompt (each test uses its own). */
  eventsOf(prompt: string): BackendEvent[]
  /** Waits (bounded) until an event matches; undefined if none came in time. */
  waitFor(match: (event: BackendEvent) => boolean, ms?: number): Promise<BackendEvent | undefined>
  /** SIGKILL: the server dies mid-answer, as a crash would. Resolves once it has exited. */
  kill(): Promise<void>
  /** Starts it again on the same port; resolves once it accepts connections. */
  restart(): Promise<void>
  close(): Promise<void>
}

/**
 * Starts `examples/fastapi` with Debian's uvicorn on a free port of 127.0.0.1 and waits
 * (at most `startMs`) until it accepts connections. `env` sets TOKEN_DELAY, FAKE_WORDS…
 */
export async function startFastApi(
  env: Record<string, string> = {},
  startMs = 20_000,
): Promise<FastApiBackend> {
  if (!existsSync(python)) {
    throw new Error(
      `${python} is missing: install python3-fastapi, python3-uvicorn and python3-wsproto`,
    )
  }
  const port = await freePort()
  const events: BackendEvent[] = []
  let child: ChildProcess | undefined
  let log = ''

  const start = async () => {
    const proc = spawn(
      python,
      [
        '-m',
        'uvicorn',
        'app:app',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--ws',
        'wsproto',
      ],
      {
        cwd: appDir,
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
    child = proc
    let pending = ''
    proc.stderr!.setEncoding('utf8')
    proc.stderr!.on('data', (text: string) => {
      log += text
      pending += text
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (!line.startsWith('{')) continue
        try {
          events.push(JSON.parse(line) as BackendEvent)
        } catch {
          // not one of ours
        }
      }
    })
    const deadline = Date.now() + startMs
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) break
      if (await accepts(port)) return
      await sleep(25)
    }
    proc.kill('SIGKILL')
    throw new Error(`uvicorn did not start on 127.0.0.1:${port} in ${startMs} ms:\n${log}`)
  }

  const stop = async (signal: NodeJS.Signals) => {
    const proc = child
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    const exited = new Promise((resolve) => proc.once('exit', resolve))
    proc.kill(signal)
    await Promise.race([exited, sleep(5000)])
  }

  await start()
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    events,
    eventsOf: (prompt) => events.filter((e) => e.prompt === prompt),
    async waitFor(match, ms = 5000) {
      const deadline = Date.now() + ms
      while (Date.now() < deadline) {
        const found = events.find(match)
        if (found) return found
        await sleep(10)
      }
      return events.find(match)
    },
    kill: () => stop('SIGKILL'),
    restart: start,
    close: () => stop('SIGKILL'),
  }
}
