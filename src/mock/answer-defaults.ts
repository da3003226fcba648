import { resolveMockOptions, type MockStreamOptions } from './mock-options.ts'
import { defaultReply, estimateTokens } from './request-info.ts'

/**
 * The options of a mock answer to `prompt`, as the HTTP and the socket handlers fill them in:
 * without `text` or `tokens`, a short markdown reply quoting the prompt; the usage reported
 * has input tokens estimated from the prompt, unless the options give them (the rest of a
 * given usage is kept) or turn usage off with `usage: false`.
 */
export function answerOptions(options: MockStreamOptions, prompt: string): MockStreamOptions {
  const hasText = options.text !== undefined || options.tokens !== undefined
  const given = typeof options.usage === 'object' ? options.usage : {}
  const usage = options.usage === false ? false : { inputTokens: estimateTokens(prompt), ...given }
  return { ...options, text: hasText ? options.text : defaultReply(prompt), usage }
}

/**
 * Checks a handler's static options (one object or a script of them) when the handler is made,
 * so a typo throws where it was written rather than at the first request. A function is
 * checked per request, by `mockStream`.
 * @throws TypeError naming the option; or the handler, for an empty script.
 */
export function checkScript(who: string, script: MockStreamOptions | readonly MockStreamOptions[]) {
  const entries = Array.isArray(script) ? script : [script as MockStreamOptions]
  if (entries.length === 0) throw new TypeError(`${who}: the options script is empty`)
  for (const options of entries) {
    const hasText = options.text !== undefined || options.tokens !== undefined
    resolveMockOptions(hasText ? options : { ...options, text: '' })
  }
}
