import { describe, expect, test } from 'vitest'
import { createStream } from 'rivulet/core'
import { startServer } from '../../helpers/sse-server.ts'

describe('stop over a real socket', () => {
  test('stop() closes the connection and the server sees it', async () => {
    let closed!: () => void
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve))
    let timer: ReturnType<typeof setInterval> | undefined
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      let i = 0
      timer = setInterval(() => {
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: `t${i++} ` } }] })}\n\n`)
      }, 10)
      res.on('close', () => {
        clearInterval(timer)
        closed()
      })
    })
    try {
      const stream = createStream({ url: server.url, format: 'openai-chat' })
      const run = stream.start()
      await new Promise<void>((resolve) => {
        const off = stream.subscribe(() => {
          if (stream.getSnapshot().text.length > 0) {
            off()
            resolve()
          }
        })
      })
      stream.stop()
      const result = await run
      expect(result.status).toBe('aborted')
      expect(result.text.length).toBeGreaterThan(0)
      await serverSawClose
      expect(server.requests).toHaveLength(1)
    } finally {
      clearInterval(timer)
      await server.close()
    }
  }, 10_000)
})
