import { isObject, stringOf } from './json.ts'

/** The fields a generic JSON stream puts its text in, in order of preference. */
export const textFields = ['text', 'token', 'content', 'delta'] as const

/**
 * The text of a generic JSON message: the value itself when it is a JSON string, else the
 * first string among `text`, `token`, `content`, `delta`. Undefined when there is none.
 */
export function genericText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (!isObject(value)) return undefined
  for (const field of textFields) {
    const text = stringOf(value[field])
    if (text !== undefined) return text
  }
  return undefined
}

/** True for a generic `{"error": …}` payload (one with no text of its own). */
export function isGenericError(value: unknown): boolean {
  return (
    isObject(value) && value.error !== undefined && value.error !== null && value.error !== false
  )
}
