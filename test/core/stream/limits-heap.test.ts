import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, expect, test } from 'vitest'

// A server that sends a line without end, far longer than the heap of the process reading it:
// the reader must stop at maxEventSize with a parse error instead of dying out of memory. Run
// in a child Node process whose heap is capped, over a real socket.

const heapMb = 64
const offeredMb = 1024
let dir: string

// The child: a server on 127.0.0.1 sending `head` then 64 KiB of filler until the client goes
// (at most `offeredMb`), and createStream reading it; prints what happened as JSON.
const child = `
import { createServer } from 'node:http'
import { createStream } from './core.mjs'

const [head, contentType, format] = JSON.parse(process.argv[2])
const filler = Buffer.alloc(65536, 'a')
let sent = 0
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': contentType })
  res.write(head)
  let open = true
  res.on('close', () => (open = false))
  const pump = () => {
    while (open && sent < ${offeredMb} * 1024 * 1024) {
      sent += filler.length
      if (!res.write(filler)) return res.once('drain', pump)
    }
    res.end()
  }
  pump()
})
server.listen(0, '127.0.0.1', async () => {
  const url = 'http://127.0.0.1:' + server.address().port + '/'
  const stream = createStream({ url, format, retry: { retries: 2, baseDelay: 1 } })
  const result = await stream.start()
  const { heapUsed } = process.memoryUsage()
  console.log(JSON.stringify({
    status: result.status,
    kind: result.error?.kind,
    retryable: result.error?.retryable,
    text: result.text,
    sentMb: sent / 1024 / 1024,
    heapMb: heapUsed / 1024 / 1024,
  }))
  server.closeAllConnections()
  server.close()
})
`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rivulet-heap-'))
  await build({
    entryPoints: [fileURLToPath(new URL('../../../src/core/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: join(dir, 'core.mjs'),
    logLevel: 'silent',
  })
  writeFileSync(join(dir, 'child.mjs'), child)
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

function runChild(args: [head: string, contentType: string, format: string]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const proc = spawn(
      process.execPath,
      [`--max-old-space-size=${heapMb}`, join(dir, 'child.mjs'), JSON.stringify(args)],
      { cwd: dir },
    )
    let stdout = ''
    let stderr = ''
    proc.stdout.on('data', (chunk) => (stdout += chunk))
    proc.stderr.on('data', (chunk) => (stderr += chunk))
    proc.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const hi = `data: ${JSON.stringify({ choices: [{ delta: { content: 'Hi' } }] })}\n\n`

test.each([
  ['an SSE data line', hi + 'data: ', 'text/event-stream', 'openai-chat'],
  ['an NDJSON line', '{"text":"Hi"}\n{"text":"', 'application/x-ndjson', 'ndjson'],
])(
  `${heapMb} MB heap, ${offeredMb} MB offered: %s without end ends in a parse error, no crash`,
  async (_, head, contentType, format) => {
    const { code, stdout, stderr } = await runChild([head, contentType, format])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report).toMatchObject({ status: 'error', kind: 'parse', retryable: false, text: 'Hi' })
    // It stopped near the limit: the rest of the gigabyte was never sent.
    expect(report.sentMb).toBeLessThan(64)
  },
  60_000,
)
