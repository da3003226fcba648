import { isObject, stringOf } from './json.ts'
import { hasError } from './provider-error.ts'

/** The fields a generic JSON stream puts its text in, in order of preference. */
const textFields = ['text', 'token', 'content', 'delta'] as const

// A message typed as reasoning or tool traffic (the AI SDK UI stream's `reasoning-delta`,
// `tool-input-delta`, …) carries a `delta` that is not part of the answer.
const notAnswer = /reasoning|thinking|tool/i

/**
 * The text of a generic JSON message: the value itself when it is a JSON string, else the
 * first string among `text`, `token`, `content`, `delta` (or that field's own `text` /
 * `content`; a `special` token adds nothing). Undefined when there is none, or when the
 * message's `type` says it is reasoning or tool traffic.
 */
export function genericText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (!isObject(value)) return undefined
  const type = stringOf(value.type)
  if (type !== undefined && notAnswer.test(type)) return undefined
  for (const field of textFields) {
    const inner = value[field]
    if (typeof inner === 'string') return inner
    // One level down: TGI's `{"token": {"text": …, "special": false}}`, `{"delta": {"text": …}}`.
    if (isObject(inner)) {
      if (inner.special === true) return ''
      const text = stringOf(inner.text) ?? stringOf(inner.content)
      if (text !== undefined) return text
    }
  }
  return undefined
}

/** True for a generic error payload: `{"error": …}` or `{"type": "error", …}`. */
export function isGenericError(value: unknown): boolean {
  if (!isObject(value)) return false
  return value.type === 'error' || hasError(value)
}
