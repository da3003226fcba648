import { StreamError } from '../errors.ts'

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The value when it is a JSON object, else an empty one: provider chunks nest optional
 * objects (`delta`, `usage` details), and reading a field of `{}` gives the same
 * `undefined` as the field being absent.
 */
export function objectOf(value: unknown): JsonObject {
  return isObject(value) ? value : {}
}

/** The value when it is an array, else an empty one (a missing or malformed list). */
export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/**
 * The object in a list whose `index` is 0 or unset. OpenAI choices and Gemini candidates
 * carry an index: with n > 1 they stream interleaved, and the answer shown is the first.
 */
export function firstIndexed(list: unknown): JsonObject | undefined {
  if (!Array.isArray(list)) return undefined
  // A loop, not find() with a closure: this runs for every streamed chunk.
  for (const item of list) {
    if (isObject(item) && (numberOf(item.index) ?? 0) === 0) return item
  }
  return undefined
}

/** The value when it is a string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** The value when it is a finite number, else undefined. */
export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** The parsed value, or undefined when the text is not JSON. */
export function tryParse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

/** Parses one complete message; a message that is not JSON is a `parse` error. */
export function parseJson(text: string, format: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text
    throw new StreamError('parse', `${format}: a message is not valid JSON: ${shown}`, { cause })
  }
}

/** True for an SSE `[DONE]` sentinel (OpenAI and its many imitators). */
export function isDone(data: string): boolean {
  return data.trim() === '[DONE]'
}
