import { http, HttpResponse } from 'msw'
import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { decodeResponse, readSSE } from 'rivulet/core'

// The server holds the rest of the body back until the client has shown the first message.
// A reader that buffered the whole body would never show it, so the test would time out
// instead of passing: that is the proof that text arrives while the body is still open.
let release: () => void = () => {}
let bodyClosed = false

function chunk(data: string): Uint8Array {
  return new TextEncoder().encode(data)
}

const worker = setupWorker(
  http.get('/api/held-stream', () => {
    bodyClosed = false
    const held = new Promise<void>((resolve) => (release = resolve))
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(
          chunk('id: 1\ndata: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\n'),
        )
        await held
        // A CRLF split across two network chunks, and a character split across them too.
        controller.enqueue(chunk('id: 2\r'))
        const rest = chunk(
          '\ndata: {"choices":[{"index":0,"delta":{"content":"lo wörld"}}]}\r\n\r\n',
        )
        const middle = rest.indexOf(0xc3) + 1
        controller.enqueue(rest.slice(0, middle))
        controller.enqueue(rest.slice(middle))
        controller.enqueue(chunk('data: [DONE]\n\n'))
        bodyClosed = true
        controller.close()
      },
    })
    return new HttpResponse(stream, { headers: { 'Content-Type': 'text/event-stream' } })
  }),
)

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out: ${what}`)), ms),
    ),
  ])
}

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' })
})
afterAll(() => worker.stop())

describe('readSSE over a real fetch in Chromium', () => {
  test('yields the first message while the body is still open', async () => {
    const response = await fetch('/api/held-stream')
    // The request really went through the network stack, answered by the service worker.
    expect(navigator.serviceWorker.controller).not.toBeNull()
    const seen: { data: string; id?: string; closed: boolean }[] = []
    const reading = (async () => {
      for await (const message of readSSE(response.body!)) {
        seen.push({ data: message.data, id: message.id, closed: bodyClosed })
        release()
      }
    })()
    await within(reading, 5000, 'the first message never arrived before the body ended')
    expect(seen).toEqual([
      {
        data: '{"choices":[{"index":0,"delta":{"content":"Hel"}}]}',
        id: '1',
        closed: false,
      },
      {
        data: '{"choices":[{"index":0,"delta":{"content":"lo wörld"}}]}',
        id: '2',
        closed: expect.any(Boolean),
      },
      { data: '[DONE]', id: '2', closed: true },
    ])
  })

  test('decodeResponse shows text growing before the stream finishes', async () => {
    const response = await fetch('/api/held-stream')
    const texts: string[] = []
    let text = ''
    const reading = (async () => {
      for await (const part of decodeResponse(response, 'auto')) {
        if (part.type === 'text') {
          text += part.text
          texts.push(`${text}${bodyClosed ? ' (closed)' : ' (open)'}`)
          release()
        } else {
          texts.push(part.type)
        }
      }
    })()
    await within(reading, 5000, 'no text arrived before the body ended')
    expect(texts[0]).toBe('Hel (open)')
    expect(texts.slice(1).map((t) => t.replace(/ \((open|closed)\)$/, ''))).toEqual([
      'Hello wörld',
      'finish',
    ])
  })
})
