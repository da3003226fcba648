import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  serveWhole,
  startCutServer,
  streamCutAt,
  type CutServer,
} from '../../helpers/sse-server.ts'

// A multi-event answer with ids, multi-byte characters and the OpenAI terminator.
const tokens = ['Hé', 'llo', ' wör', 'ld ', '😀', '!']
const event = (i: number) =>
  `id: ${i + 1}\ndata: ${JSON.stringify({ choices: [{ index: 0, delta: { content: tokens[i] } }] })}\n\n`
const done = 'data: [DONE]\n\n'
const full = new TextEncoder().encode(tokens.map((_, i) => event(i)).join('') + done)
const answer = tokens.join('')

/** How many whole events (closed by their blank line) the first `k` bytes hold. */
function eventsWithin(k: number): number {
  let end = 0
  let n = 0
  for (let i = 0; i < tokens.length; i++) {
    end += new TextEncoder().encode(event(i)).length
    if (end <= k) n++
  }
  return n
}

/** The events after `Last-Event-ID` (all of them without it), then the terminator. */
function rest(lastEventId: string | undefined): string {
  const from = lastEventId ? Number(lastEventId) : 0
  return tokens.map((_, i) => (i >= from ? event(i) : '')).join('') + done
}

describe('resume over real sockets', () => {
  // Per run: the first connection is cut after k bytes; reconnections are served whole.
  let server: CutServer

  beforeAll(async () => {
    server = await startCutServer(full, (req, res) => {
      const id = req.headers['last-event-id']
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.end(rest(Array.isArray(id) ? id[0] : id))
    })
  })
  afterAll(async () => {
    await server.close()
  })

  test(`a cut at every one of the ${full.length} byte offsets ends done with exactly the server's text`, async () => {
    const outcomes: string[] = []
    for (let k = 0; k < full.length; k++) {
      const { result, before } = await streamCutAt(server, k)
      // The reconnection names the last event that arrived whole; none before the first.
      const resumedWith = server.requests[before + 1]?.headers['last-event-id']
      const expectedId = eventsWithin(k) > 0 ? String(eventsWithin(k)) : undefined
      if (result.status !== 'done' || result.text !== answer || resumedWith !== expectedId) {
        outcomes.push(
          `cut at ${k}: ${result.status} ${JSON.stringify(result.text)} resumed with ${resumedWith} ${result.error?.message ?? ''}`,
        )
      }
      // one cut, one reconnection
      expect(server.requests.length - before).toBe(2)
    }
    expect(outcomes).toEqual([])
  }, 120_000)
})

describe('restart over real sockets (a stream without ids)', () => {
  const plain = (i: number) => event(i).replace(/^id: \d+\n/, '')
  const whole = new TextEncoder().encode(tokens.map((_, i) => plain(i)).join('') + done)
  let server: CutServer

  beforeAll(async () => {
    server = await startCutServer(whole, serveWhole(whole))
  })
  afterAll(async () => {
    await server.close()
  })

  test(`a cut at every one of the ${whole.length} byte offsets ends with the text once, never doubled`, async () => {
    const outcomes: string[] = []
    for (let k = 0; k < whole.length; k++) {
      const { result, longest, before } = await streamCutAt(server, k)
      if (result.status !== 'done' || result.text !== answer || longest > answer.length) {
        outcomes.push(
          `cut at ${k}: ${result.status} ${JSON.stringify(result.text)} longest ${longest}`,
        )
      }
      expect(server.requests[before + 1]?.headers['last-event-id']).toBeUndefined()
    }
    expect(outcomes).toEqual([])
  }, 120_000)
})
