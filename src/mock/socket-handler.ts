import { ws, type WebSocketHandler } from 'msw'
import { mockStream } from './mock-stream.ts'
import { answerOptions, checkScript } from './answer-defaults.ts'
import { promptOf } from './request-info.ts'
import { relayToSocket } from './socket/relay.ts'
import {
  optionsFor,
  parseOrText,
  type MockSocketConnection,
  type MockSocketScript,
} from './socket/socket-script.ts'

/** A WebSocket message's text (binary messages are read as UTF-8). */
async function textOf(data: string | Blob | ArrayBufferLike | ArrayBufferView): Promise<string> {
  if (typeof data === 'string') return data
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.text()
  return new TextDecoder().decode(data as ArrayBuffer)
}

/**
 * An msw WebSocket handler (`ws.link`) that answers each connection to `url` as rivulet's
 * mock server does: the first message is the request, the answer is `mockStream` of the
 * script's options, one message per event with the mock's timing, then a normal close (1000);
 * an HTTP `status` of 400 or more closes with 4000 + status, a `network` fault drops the
 * connection (1006). Closing from the client stops the mock's timers. msw intercepts the page's
 * `WebSocket` in the browser (`setupWorker`, Storybook), so stories and browser tests use
 * `transport: 'websocket'` without a server. A path (`/api/chat`) matches it on any origin.
 *
 * @example
 * const worker = setupWorker(mockSocketHandler('/api/chat', { format: 'openai-chat', text: 'Hi!' }))
 * useChat({ url: '/api/chat', transport: 'websocket', format: 'openai-chat' })
 *
 * Without `text` or `tokens` the answer quotes the prompt, and usage reports input tokens
 * estimated from it, as `mockHandler` does.
 * @throws TypeError naming the option, for invalid static options (when the handler is made).
 */
export function mockSocketHandler(
  url: string | RegExp,
  script: MockSocketScript = {},
): WebSocketHandler {
  if (typeof script !== 'function') checkScript('mockSocketHandler', script)
  const link = ws.link(typeof url === 'string' && url.startsWith('/') ? `*${url}` : url)
  let calls = 0
  return link.addEventListener('connection', ({ client }) => {
    const stop = new AbortController()
    let connection: MockSocketConnection | undefined
    client.addEventListener('close', (event) => {
      stop.abort()
      if (connection && connection.closeCode === undefined) {
        connection.closeCode = event.code
        connection.closedBy = 'client'
      }
    })
    client.addEventListener('message', (event) => {
      if (connection) return
      const current: MockSocketConnection = { url: client.url.href, body: undefined, sent: [] }
      connection = current
      void textOf(event.data).then((raw) => {
        current.body = parseOrText(raw)
        const options = optionsFor(script, calls++, current)
        const response = mockStream({
          ...answerOptions(options, promptOf(current.body)),
          signal: stop.signal,
        })
        return relayToSocket(response, {
          send(message) {
            current.sent.push(message)
            client.send(message)
          },
          close(code, reason) {
            current.closeCode = code
            current.closedBy = 'server'
            client.close(code, reason)
          },
          drop() {
            current.closeCode = 1006
            current.closedBy = 'server'
            client.close(1006)
          },
          gone: () => stop.signal.aborted,
        })
      })
    })
  })
}
