import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createStream } from 'rivulet/core'
import { startServer, type TestServer } from '../../helpers/sse-server.ts'

// WHATWG HTML §9.2.3: the Last-Event-ID header carries the last event ID string "encoded as
// UTF-8". An id is any string without NUL, LF or CR, so it may hold any character.
const ids = ['ev-1', 'résumé-2', '日本-3', '😀-4']
const event = (i: number) =>
  `id: ${ids[i]}\ndata: ${JSON.stringify({ choices: [{ index: 0, delta: { content: String(i) } }] })}\n\n`

describe('Last-Event-ID of any character over a real socket', () => {
  let server: TestServer
  const received: string[] = []
  let cutAfter = 0

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const raw = req.headers['last-event-id']
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      if (raw === undefined) {
        const head = Array.from({ length: cutAfter + 1 }, (_, i) => event(i)).join('')
        res.write(head, () => setImmediate(() => res.socket?.destroy()))
        return
      }
      // Node reads header bytes as latin1: turn them back into the UTF-8 the client sent.
      const id = Buffer.from(String(raw), 'latin1').toString('utf8')
      received.push(id)
      const from = ids.indexOf(id) + 1
      res.end(
        Array.from({ length: ids.length - from }, (_, k) => event(from + k)).join('') +
          'data: [DONE]\n\n',
      )
    })
  })
  afterAll(async () => {
    await server.close()
  })

  test.each([0, 1, 2, 3])(
    'a drop after the event with id #%i resumes with that id, UTF-8 encoded',
    async (k) => {
      cutAfter = k
      received.length = 0
      const stream = createStream({
        url: server.url,
        format: 'openai-chat',
        retry: { retries: 2, baseDelay: 1, jitter: false },
      })
      const result = await stream.start()
      expect(result).toMatchObject({ status: 'done', text: '0123' })
      expect(received).toEqual([ids[k]])
    },
    10_000,
  )
})
