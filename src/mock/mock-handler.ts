import { http, type HttpHandler } from 'msw'
import { mockStream } from './mock-stream.ts'
import { answerOptions, checkScript } from './answer-defaults.ts'
import type { MockStreamOptions } from './mock-options.ts'
import { promptOf, readBody, type MockRequestInfo } from './request-info.ts'

/**
 * How a mock handler answers:
 * - an options object: every request gets the same stream;
 * - an array (a script): request 1 gets the first entry, request 2 the second…, and the last
 *   entry repeats (`[{ status: 429, retryAfter: 1 }, { text }]`: rate limited once, then fine);
 * - a function of the request (its parsed body and prompt, the call number): return
 *   options, or a whole `Response`.
 * Without `text` or `tokens`, the answer is a short markdown reply quoting the prompt.
 */
export type MockHandlerOptions =
  | MockStreamOptions
  | readonly MockStreamOptions[]
  | ((
      info: MockRequestInfo,
    ) => MockStreamOptions | Response | Promise<MockStreamOptions | Response>)

/**
 * An msw handler (any method) that answers `path` with `mockStream`. The same handler works
 * in node (`setupServer`), in the browser (`setupWorker`) and in Storybook
 * (`parameters.msw`). msw 2 must be installed (an optional peer of rivulet). A relative
 * path (`/api/chat`) matches that path on the page's origin in a browser, and on any origin in
 * node, where there is no page.
 *
 * @example
 * const worker = setupWorker(
 *   mockHandler('/api/chat', { format: 'openai-chat', text: 'Hello!', tokenDelay: 30 }),
 * )
 *
 * @throws TypeError naming the option, for invalid static options (when the handler is made).
 */
export function mockHandler(path: string | RegExp, options: MockHandlerOptions = {}): HttpHandler {
  if (typeof options !== 'function') checkScript('mockHandler', options)
  let calls = 0
  // msw resolves a relative path against `location`; node has none, so match any origin there.
  const matcher =
    typeof path === 'string' && path.startsWith('/') && typeof location === 'undefined'
      ? `*${path}`
      : path
  return http.all(matcher, async ({ request }) => {
    const body = await readBody(request)
    const info: MockRequestInfo = { request, body, prompt: promptOf(body), call: calls++ }
    let chosen: MockStreamOptions | Response
    if (typeof options === 'function') chosen = await options(info)
    else if (Array.isArray(options)) chosen = options[Math.min(info.call, options.length - 1)]
    else chosen = options as MockStreamOptions
    if (chosen instanceof Response) return chosen
    return mockStream({
      ...answerOptions(chosen, info.prompt),
      // A resumable mock continues after the event the client last saw.
      lastEventId: chosen.lastEventId ?? request.headers.get('last-event-id'),
      signal: chosen.signal ?? request.signal,
    })
  })
}

/** The pace of `mockChatHandler`: a visible pause, then tokens at a reading speed. */
export const chatPace = { ttft: 400, tokenDelay: 35, jitter: 15 } as const

/**
 * A ready-made chat mock for stories and demos: `mockHandler` answering every request at
 * `path` in OpenAI chat format with a markdown reply that quotes the prompt, at a human pace
 * (`chatPace`). Any option can be overridden.
 *
 * @example
 * export const Default = { parameters: { msw: [mockChatHandler()] } }
 */
export function mockChatHandler(
  path: string | RegExp = '/api/chat',
  options: MockStreamOptions = {},
): HttpHandler {
  return mockHandler(path, { format: 'openai-chat', ...chatPace, ...options })
}
