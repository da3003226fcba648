import { EventSource } from 'eventsource'
import type { StreamOptions } from 'rivulet/core'
import { mockWebSocket } from 'rivulet/mock'
import { lastEventIdParam, mockAnswers, optionsFor, type Script } from '../helpers/mock-answers.ts'
import { scriptedFetch, type RecordedRequest } from '../helpers/scripted-fetch.ts'

/** The three ways a stream can travel; the shared tables run on each. */
export const transports = ['fetch', 'eventsource', 'websocket'] as const
export type Transport = (typeof transports)[number]

/** Formats an EventSource can carry: only event streams (it refuses other Content-Types). */
export const sseFormats = ['openai-chat', 'openai-responses', 'anthropic', 'sse-json'] as const

/** Whether `format` can travel over `transport`. */
export function carries(transport: Transport, format: string): boolean {
  return transport !== 'eventsource' || (sseFormats as readonly string[]).includes(format)
}

function parseOrText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

/** What the server side saw of one request, whatever the transport. */
export interface TransportRequest {
  url: string
  method: string
  headers: Headers
  /** The JSON body (an EventSource's query, a WebSocket's first message), parsed. */
  body: unknown
  signal: AbortSignal | undefined
  /** When it was made, in (fake) ms; only differences mean something. */
  at: number
  /** The Last-Event-ID the request resumed from (header or query parameter), else null. */
  lastEventId: string | null
}

/** An EventSource request's query, as the body it stands for (JSON values parsed back). */
function bodyOfQuery(url: string): unknown {
  const params = [...new URL(url).searchParams].filter(([name]) => name !== 'lastEventId')
  if (params.length === 0) return undefined
  return Object.fromEntries(params.map(([name, value]) => [name, parseOrText(value)]))
}

/**
 * A `mockStream` script served over `transport`: the stream options that reach it (spread
 * into `createStream`) and the requests it saw, in one shape for the three transports.
 */
export function mockOver(transport: Transport, script: Script) {
  if (transport === 'websocket') {
    const requests: TransportRequest[] = []
    const asRequest = (url: string, body: unknown): TransportRequest => ({
      url,
      method: 'GET',
      headers: new Headers(),
      body,
      signal: undefined,
      at: Date.now(),
      lastEventId: null,
    })
    const WebSocket = mockWebSocket((call, connection) => {
      requests.push(asRequest(connection.url, connection.body))
      return optionsFor(script, call)
    })
    const options: Partial<StreamOptions> = { transport, WebSocket }
    return { options, requests, connections: WebSocket.connections }
  }
  const mock = scriptedFetch(mockAnswers(script))
  const requests = new Proxy(mock.requests, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown
      if (typeof key === 'string' && /^\d+$/.test(key) && value) {
        const request = value as RecordedRequest
        return {
          url: request.url,
          method: request.method,
          headers: request.headers,
          body: transport === 'eventsource' ? bodyOfQuery(request.url) : request.json,
          signal: request.signal,
          at: request.at,
          lastEventId: request.headers.get('last-event-id') ?? lastEventIdParam(request.url),
        } satisfies TransportRequest
      }
      return value
    },
  }) as unknown as TransportRequest[]
  if (transport === 'fetch') {
    return { options: { fetch: mock.fetch } as Partial<StreamOptions>, requests, connections: [] }
  }
  class MockEventSource extends EventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, { ...init, fetch: mock.fetch })
    }
  }
  const options: Partial<StreamOptions> = {
    transport,
    EventSource: MockEventSource as unknown as typeof globalThis.EventSource,
  }
  return { options, requests, connections: [] }
}
