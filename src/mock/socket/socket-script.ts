import type { MockStreamOptions } from '../mock-options.ts'

/** What a mock socket saw of one connection. */
export interface MockSocketConnection {
  url: string
  /** The first message the client sent (the request), parsed as JSON when it is JSON. */
  body: unknown
  /** Messages sent to the client so far. */
  sent: string[]
  /** The close code, once closed: 1000 normal, 1006 a dropped connection. */
  closeCode?: number
  /** Who closed it. */
  closedBy?: 'client' | 'server'
}

/**
 * How a mock socket answers: the same options for every connection, a script (connection n
 * gets entry n, the last repeats), or a function of the connection number and the request.
 */
export type MockSocketScript =
  | MockStreamOptions
  | readonly MockStreamOptions[]
  | ((call: number, connection: MockSocketConnection) => MockStreamOptions)

/** A message's text as JSON when it is JSON. */
export function parseOrText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

/** The options of connection number `call` (from 0). */
export function optionsFor(
  script: MockSocketScript,
  call: number,
  connection: MockSocketConnection,
): MockStreamOptions {
  if (typeof script === 'function') return script(call, connection)
  if (Array.isArray(script)) return script[Math.min(call, script.length - 1)] as MockStreamOptions
  return script as MockStreamOptions
}
