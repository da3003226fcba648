import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  serveWhole,
  startCutServer,
  streamCutAt,
  type CutServer,
} from '../../helpers/sse-server.ts'

// Two servers that a resume by Last-Event-ID used to answer wrongly, silently: each run must
// end with exactly the server's text (or a typed error keeping what was shown), never `done`
// with text lost or doubled. The first connection of a run is cut at byte k.

const tokens = ['Hé', 'llo', ' wör', 'ld ', '😀', '!']
const answer = tokens.join('')
const data = (i: number) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: tokens[i] } }] })}\n\n`
const done = 'data: [DONE]\n\n'
const encode = (text: string) => new TextEncoder().encode(text)

/** Runs a cut at every byte offset of `bytes`; returns a line per run that went wrong. */
async function cutEverywhere(server: CutServer, bytes: Uint8Array): Promise<string[]> {
  const wrong: string[] = []
  for (let k = 0; k < bytes.length; k++) {
    const { result, longest } = await streamCutAt(server, k)
    const exact = result.status === 'done' && result.text === answer
    // A typed error is honest only if it keeps a prefix of the answer it showed.
    const honestError =
      result.status === 'error' &&
      result.error !== undefined &&
      answer.startsWith(result.error.partialText)
    if ((!exact && !honestError) || longest > answer.length) {
      wrong.push(`cut at ${k}: ${result.status} ${JSON.stringify(result.text)} longest ${longest}`)
    }
  }
  return wrong
}

describe('ids on only some events, a server that honours Last-Event-ID', () => {
  // Ids on the 1st and 3rd events only: the events after them carry the id forward.
  const withId = new Set([0, 2])
  const event = (i: number) => (withId.has(i) ? `id: ${i + 1}\n` : '') + data(i)
  const full = encode(tokens.map((_, i) => event(i)).join('') + done)
  let server: CutServer

  beforeAll(async () => {
    // Honours Last-Event-ID: sends the events after the one with that id.
    server = await startCutServer(full, (req, res) => {
      const header = req.headers['last-event-id']
      const from = typeof header === 'string' ? Number(header) : 0
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.end(tokens.map((_, i) => (i >= from ? event(i) : '')).join('') + done)
    })
  })
  afterAll(async () => {
    await server.close()
  })

  test(`a cut at every one of the ${full.length} byte offsets never shows an event twice`, async () => {
    expect(await cutEverywhere(server, full)).toEqual([])
  }, 120_000)
})

describe('the same id on every event, a server that restarts its answer after a drop', () => {
  const full = encode(tokens.map((_, i) => `id: session-1\n${data(i)}`).join('') + done)
  let server: CutServer

  beforeAll(async () => {
    server = await startCutServer(full, serveWhole(full))
  })
  afterAll(async () => {
    await server.close()
  })

  test(`a cut at every one of the ${full.length} byte offsets never ends done with half the text`, async () => {
    expect(await cutEverywhere(server, full)).toEqual([])
  }, 120_000)
})
