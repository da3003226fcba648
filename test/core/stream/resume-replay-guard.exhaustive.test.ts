import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  serveWhole,
  startCutServer,
  streamCutAt,
  type CutServer,
} from '../../helpers/sse-server.ts'

// WHATWG HTML §9.2.4: a server *should* use Last-Event-ID to resume; nothing makes it. A server
// that ignores it and replays the answer from the start must not double the text shown.

// Over real sockets: the first connection of a run is cut at byte k; the server
// ignores Last-Event-ID and serves every reconnection the whole answer from its start.
const tokens = ['Hé', 'llo', ' wör', 'ld ', '😀', '!']
const answer = tokens.join('')
const event = (i: number) =>
  `id: ev-${i + 1}\ndata: ${JSON.stringify({ choices: [{ index: 0, delta: { content: tokens[i] } }] })}\n\n`
const full = new TextEncoder().encode(tokens.map((_, i) => event(i)).join('') + 'data: [DONE]\n\n')

describe('a server that ignores Last-Event-ID (real sockets)', () => {
  let server: CutServer

  beforeAll(async () => {
    server = await startCutServer(full, serveWhole(full))
  })
  afterAll(async () => {
    await server.close()
  })

  test(`a cut at every one of the ${full.length} byte offsets, then a full replay, shows the answer exactly once`, async () => {
    const outcomes: string[] = []
    for (let k = 0; k < full.length; k++) {
      const { result, longest, before } = await streamCutAt(server, k)
      if (result.status !== 'done' || result.text !== answer || longest > answer.length) {
        outcomes.push(
          `cut at ${k}: ${result.status} ${JSON.stringify(result.text)} longest ${longest}`,
        )
      }
      expect(server.requests.length - before).toBe(2)
    }
    expect(outcomes).toEqual([])
  }, 120_000)
})
