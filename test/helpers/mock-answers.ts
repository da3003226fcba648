import { mockStream, type MockStreamOptions } from 'rivulet/mock'
import type { RecordedRequest } from './scripted-fetch.ts'

/** The options of the answer to request number `call` (0-based); the last of a list repeats. */
export type Script =
  MockStreamOptions | readonly MockStreamOptions[] | ((call: number) => MockStreamOptions)

/** The options `script` gives request number `call`. */
export function optionsFor(script: Script, call: number): MockStreamOptions {
  if (typeof script === 'function') return script(call)
  if (Array.isArray(script)) return script[Math.min(call, script.length - 1)] as MockStreamOptions
  return script as MockStreamOptions
}

/**
 * `scriptedFetch` steps that answer with `mockStream`, the way `mockHandler` does behind msw:
 * the request's `Last-Event-ID` and abort signal reach the mock, so a resumable mock continues
 * after the last event the client saw and a stopped client stops the mock's timers.
 */
export function mockAnswers(script: Script): (request: RecordedRequest) => Response {
  let call = 0
  return (request) => {
    const options = optionsFor(script, call++)
    return mockStream({
      ...options,
      // An EventSource cannot send headers: it resumes with a lastEventId query parameter.
      lastEventId:
        options.lastEventId ??
        request.headers.get('last-event-id') ??
        lastEventIdParam(request.url),
      signal: options.signal ?? request.signal,
    })
  }
}

/** The `lastEventId` query parameter of a URL (as the EventSource transport resumes). */
export function lastEventIdParam(url: string): string | null {
  return new URL(url, 'http://relative.test/').searchParams.get('lastEventId')
}
