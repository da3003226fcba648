import { mockStream } from '../mock-stream.ts'
import { relayToSocket } from './relay.ts'
import {
  optionsFor,
  parseOrText,
  type MockSocketConnection,
  type MockSocketScript,
} from './socket-script.ts'

export type { MockSocketConnection, MockSocketScript } from './socket-script.ts'

function closeEvent(code: number, reason: string): Event {
  return Object.assign(new Event('close'), { code, reason, wasClean: code === 1000 })
}

/** A WebSocket class made by {@link mockWebSocket}, with the connections it served. */
export interface MockWebSocketClass {
  new (url: string | URL, protocols?: string | string[]): WebSocket
  prototype: WebSocket
  readonly CONNECTING: 0
  readonly OPEN: 1
  readonly CLOSING: 2
  readonly CLOSED: 3
  readonly connections: MockSocketConnection[]
}

/**
 * An in-memory `WebSocket` class (inject it as the `WebSocket` option) whose server answers
 * the first message with `mockStream`: one message per event of the format, with the mock's
 * timing, then a normal close (1000). A `network` fault closes with 1006 (a dropped
 * connection), a `drop` fault closes normally before the end, `hang` stays open, and an HTTP
 * `status` of 400 or more closes with 4000 + status and the error message as the reason. Closing the
 * socket from the client stops the mock's timers. Works under fake timers and without msw.
 *
 * @example
 * const stream = createStream({ url: 'ws://mock/chat', transport: 'websocket',
 *   WebSocket: mockWebSocket({ format: 'openai-chat', text: 'Hi!' }), format: 'openai-chat' })
 */
export function mockWebSocket(script: MockSocketScript): MockWebSocketClass {
  const connections: MockSocketConnection[] = []
  class MockWebSocket extends EventTarget {
    static readonly CONNECTING = 0
    static readonly OPEN = 1
    static readonly CLOSING = 2
    static readonly CLOSED = 3
    static readonly connections = connections
    readonly CONNECTING = 0
    readonly OPEN = 1
    readonly CLOSING = 2
    readonly CLOSED = 3
    readonly url: string
    readonly protocol = ''
    readonly extensions = ''
    readonly bufferedAmount = 0
    binaryType: BinaryType = 'blob'
    readyState = 0
    onopen: ((event: Event) => void) | null = null
    onmessage: ((event: MessageEvent) => void) | null = null
    onclose: ((event: Event) => void) | null = null
    onerror: ((event: Event) => void) | null = null
    #server = new AbortController()
    #connection: MockSocketConnection | undefined
    #calls = connections

    constructor(url: string | URL) {
      super()
      this.url = String(url)
      setTimeout(() => {
        if (this.readyState !== 0) return
        this.readyState = 1
        this.#emit(new Event('open'))
        // A client with nothing to ask (the URL says it all) gets the answer all the same.
        setTimeout(() => {
          if (this.readyState === 1 && !this.#connection) this.#start(undefined)
        }, 0)
      }, 0)
    }

    send(data: unknown): void {
      if (this.readyState !== 1) {
        throw new DOMException('The socket is not open', 'InvalidStateError')
      }
      if (!this.#connection) this.#start(typeof data === 'string' ? parseOrText(data) : data)
    }

    #start(body: unknown) {
      const connection: MockSocketConnection = { url: this.url, body, sent: [] }
      this.#connection = connection
      const call = this.#calls.length
      this.#calls.push(connection)
      const options = optionsFor(script, call, connection)
      void this.#serve(mockStream({ ...options, signal: this.#server.signal }), connection)
    }

    #serve(response: Response, connection: MockSocketConnection) {
      return relayToSocket(response, {
        send: (message) => {
          connection.sent.push(message)
          this.#emit(new MessageEvent('message', { data: message }))
        },
        // A socket has no status line: an HTTP error comes as the close code 4000 + status.
        close: (code, reason) => this.#closeFromServer(code, reason),
        drop: () => this.#closeFromServer(1006, ''),
        gone: () => this.readyState !== 1,
      })
    }

    #closeFromServer(code: number, reason: string) {
      if (this.readyState >= 2) return
      this.readyState = 3
      if (this.#connection) {
        this.#connection.closeCode = code
        this.#connection.closedBy = 'server'
      }
      this.#emit(closeEvent(code, reason))
    }

    close(code = 1000, reason = ''): void {
      if (this.readyState >= 2) return
      this.readyState = 3
      this.#server.abort()
      if (this.#connection) {
        this.#connection.closeCode = code
        this.#connection.closedBy = 'client'
      }
      setTimeout(() => this.#emit(closeEvent(code, reason)), 0)
    }

    #emit(event: Event) {
      const handler = (this as unknown as Record<string, unknown>)[`on${event.type}`]
      if (typeof handler === 'function') (handler as (event: Event) => void).call(this, event)
      this.dispatchEvent(event)
    }
  }
  return MockWebSocket as unknown as MockWebSocketClass
}
