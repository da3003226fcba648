import { createJsonParser, type JsonParseState } from './json-stream.ts'

/** What `parsePartialJson` makes of a text. */
export interface PartialJsonResult {
  /** The value so far; `undefined` when nothing or nothing valid was parsed. */
  value: unknown
  /** `complete`: the text is one whole JSON value; `partial`: a valid prefix of one. */
  state: JsonParseState
}

/**
 * Parses JSON that may be cut off anywhere, as LLM output is while it streams. Linear in the
 * input. Open strings, arrays and objects are closed; a partial number or literal gives its
 * best reading (`tr` → `true`, `12.` → `12`); a key with no value yet is left out.
 *
 * @example
 * parsePartialJson('{"name":"Ad')  // { value: { name: 'Ad' }, state: 'partial' }
 */
export function parsePartialJson(text: string): PartialJsonResult {
  const parser = createJsonParser()
  parser.push(text)
  const state = parser.state(true)
  return { value: state === 'invalid' ? undefined : parser.value, state }
}
