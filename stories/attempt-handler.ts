import { mockHandler } from 'rivulet/mock'
import type { MockRequestInfo, MockStreamOptions } from 'rivulet/mock'

/**
 * An msw handler whose answer depends on the attempt: attempts are counted per request body
 * (the story's session and its messages), so each new question starts again at attempt 0
 * however often a story runs, and its retries see 1, 2…
 */
export function attemptHandler(
  path: string,
  script: (attempt: number, info: MockRequestInfo) => MockStreamOptions | Response,
) {
  const attempts = new Map<string, number>()
  return mockHandler(path, (info) => {
    const key = JSON.stringify(info.body ?? null)
    const attempt = attempts.get(key) ?? 0
    attempts.set(key, attempt + 1)
    return script(attempt, info)
  })
}
