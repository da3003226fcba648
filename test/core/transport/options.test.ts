import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStream } from 'rivulet/core'
import { mockWebSocket } from 'rivulet/mock'

describe('transport options', () => {
  it('rejects an unknown transport at once, naming the valid ones', () => {
    expect(() => createStream({ url: '/x', transport: 'sse' as unknown as 'fetch' })).toThrow(
      /Unknown transport "sse".*fetch, eventsource, websocket/,
    )
  })

  it.each([
    ['eventsource', /needs an EventSource.*EventSource option/],
    ['websocket', /needs a WebSocket.*WebSocket option/],
  ] as const)(
    '%s without a constructor in this runtime says what to inject',
    (transport, message) => {
      // Node 20 has neither global.
      expect(globalThis.EventSource).toBeUndefined()
      expect(() => createStream({ url: '/x', transport })).toThrow(message)
    },
  )
})

describe('the EventSource request', () => {
  it('is a GET whose query carries the body fields and, on a resume, the last event id', async () => {
    const urls: string[] = []
    const inits: unknown[] = []
    class Recorder extends EventTarget {
      readyState = 0
      constructor(url: string, init: unknown) {
        super()
        urls.push(url)
        inits.push(init)
        // The first answer: one event with an id, then the connection drops (no terminator).
        // The second: the next event and the terminator.
        const n = urls.length
        setTimeout(() => {
          this.readyState = 1
          this.dispatchEvent(new Event('open'))
          const data = JSON.stringify({ choices: [{ delta: { content: `hi${n}` } }] })
          this.dispatchEvent(new MessageEvent('message', { data, lastEventId: `e${n}` }))
          if (n === 2) this.dispatchEvent(new MessageEvent('message', { data: '[DONE]' }))
          this.readyState = 0
          this.dispatchEvent(new Event('error'))
        }, 0)
      }
      close() {
        this.readyState = 2
      }
    }
    const stream = createStream({
      url: '/chat?x=1#top',
      transport: 'eventsource',
      EventSource: Recorder as unknown as typeof EventSource,
      format: 'openai-chat',
      credentials: 'include',
      retry: { retries: 1, baseDelay: 1, jitter: false },
    })
    const result = await stream.start({ prompt: 'héllo & bye', n: 2 })
    expect(urls[0]).toBe('/chat?x=1&prompt=h%C3%A9llo%20%26%20bye&n=2#top')
    // Resumed from the id of the last event seen, in the query: EventSource sends no headers.
    expect(urls[1]).toBe('/chat?x=1&prompt=h%C3%A9llo%20%26%20bye&n=2&lastEventId=e1#top')
    expect(inits[0]).toEqual({ withCredentials: true })
    // Appended, not restarted; the error event after the terminator reconnects nothing.
    expect(result).toMatchObject({ status: 'done', text: 'hi1hi2' })
    expect(urls).toHaveLength(2)
  })
})

describe('the WebSocket request', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('opens the ws: URL of an http: one, sends the body first, and a stop closes it with 1000', async () => {
    const WebSocket = mockWebSocket({
      format: 'anthropic',
      text: 'one two three four',
      tokenDelay: 50,
    })
    const stream = createStream({
      url: 'http://127.0.0.1:9/chat',
      transport: 'websocket',
      WebSocket,
      format: 'anthropic',
    })
    const settled = stream.start({ messages: [{ role: 'user', content: 'hi' }] })
    await vi.advanceTimersByTimeAsync(60)
    stream.stop()
    await vi.runAllTimersAsync()
    const result = await settled
    expect(result.status).toBe('aborted')
    expect(result.text).toBe('one two')
    const [connection] = WebSocket.connections
    expect(connection).toMatchObject({
      url: 'ws://127.0.0.1:9/chat',
      body: { messages: [{ role: 'user', content: 'hi' }] },
      closeCode: 1000,
      closedBy: 'client',
    })
    expect(vi.getTimerCount()).toBe(0)
  })
})
