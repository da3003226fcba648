import { startMockServer, type MockServer, type StreamEndInfo } from 'rivulet/mock/server'

/** A mock LLM server on 127.0.0.1 (ephemeral port) that remembers how each answer ended. */
export async function startRecordingServer(): Promise<{
  server: MockServer
  ends: StreamEndInfo[]
}> {
  const ends: StreamEndInfo[] = []
  const server = await startMockServer({ port: 0, onStreamEnd: (info) => ends.push(info) })
  return { server, ends }
}

/** What a capturing fetch saw of one request it passed on. */
export interface SentRequest {
  url: string
  headers: Headers
  body: unknown
}

/** The global fetch, with every request's URL, headers and JSON body recorded. */
export function capturingFetch() {
  const sent: SentRequest[] = []
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const raw = typeof init.body === 'string' ? init.body : undefined
    sent.push({
      url: String(input),
      headers: new Headers(init.headers),
      body: raw === undefined ? undefined : (JSON.parse(raw) as unknown),
    })
    return globalThis.fetch(input, init)
  }
  return { fetch: fetch as typeof globalThis.fetch, sent }
}

/** Waits (a bounded number of 10 ms polls) until `condition` holds; false if it never did. */
export async function until(condition: () => boolean, polls = 300): Promise<boolean> {
  for (let i = 0; i < polls; i++) {
    if (condition()) return true
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return condition()
}

/** Request headers by call: the nth request gets `list[n]`, later ones the last entry. */
export function headersByCall(...list: Record<string, string>[]): () => HeadersInit {
  let calls = 0
  return () => list[Math.min(calls++, list.length - 1)] ?? {}
}
