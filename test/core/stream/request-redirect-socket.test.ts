import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createStream } from 'rivulet/core'
import { startServer, type TestServer } from '../../helpers/sse-server.ts'

// Redirects are fetch's job: rivulet follows what fetch follows, and a resume goes to the URL
// it was given (as EventSource reconnects to its own URL), with Last-Event-ID kept by fetch.
const event = (id: number, text: string) =>
  `id: ${id}\ndata: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })}\n\n`

describe('redirects over real sockets', () => {
  let server: TestServer
  const seenAtTarget: (string | undefined)[] = []

  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/old') {
        res.writeHead(307, { location: '/new' })
        res.end()
        return
      }
      const id = req.headers['last-event-id']
      seenAtTarget.push(Array.isArray(id) ? id[0] : id)
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      if (!id) {
        // the first answer drops after two events
        res.write(event(1, 'A') + event(2, 'B'), () => setImmediate(() => res.socket?.destroy()))
        return
      }
      res.end(event(3, 'C') + 'data: [DONE]\n\n')
    })
  })
  afterAll(async () => {
    await server.close()
  })

  test('a 307 is followed, and the resume after a drop keeps Last-Event-ID through it', async () => {
    const stream = createStream({
      url: new URL('/old', server.url),
      format: 'openai-chat',
      body: { q: 1 },
      retry: { retries: 2, baseDelay: 1, jitter: false },
    })
    const result = await stream.start()
    expect(result).toMatchObject({ status: 'done', text: 'ABC' })
    expect(server.requests.map((r) => r.url)).toEqual(['/old', '/new', '/old', '/new'])
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST', 'POST'])
    expect(seenAtTarget).toEqual([undefined, '2'])
  }, 10_000)
})
