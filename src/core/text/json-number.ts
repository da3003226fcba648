// The JSON number grammar, stepped one character at a time so that a number cut anywhere
// by a chunk boundary still has a best reading.

/** Where a number is in the JSON number grammar: after `-`, a leading `0`, digits, `.`, … */
export type NumState = 'start' | 'minus' | 'zero' | 'int' | 'dot' | 'frac' | 'e' | 'esign' | 'exp'

/** True for an ASCII digit, the only digits JSON allows. */
export const isDigit = (c: string) => c >= '0' && c <= '9'

/**
 * One step of the JSON number grammar (RFC 8259 §6): the state after `c`, or undefined when
 * `c` cannot continue the number (it may still end it, see `numComplete`).
 */
export function numStep(s: NumState, c: string): NumState | undefined {
  switch (s) {
    case 'start':
      return c === '-' ? 'minus' : c === '0' ? 'zero' : isDigit(c) ? 'int' : undefined
    case 'minus':
      return c === '0' ? 'zero' : isDigit(c) ? 'int' : undefined
    case 'zero':
      return c === '.' ? 'dot' : c === 'e' || c === 'E' ? 'e' : undefined
    case 'int':
      return isDigit(c) ? 'int' : c === '.' ? 'dot' : c === 'e' || c === 'E' ? 'e' : undefined
    case 'dot':
    case 'frac':
      return isDigit(c) ? 'frac' : s === 'frac' && (c === 'e' || c === 'E') ? 'e' : undefined
    case 'e':
      return c === '+' || c === '-' ? 'esign' : isDigit(c) ? 'exp' : undefined
    case 'esign':
    case 'exp':
      return isDigit(c) ? 'exp' : undefined
  }
}

/** True when the number read so far is a whole JSON number (not one ending in `-`, `.`, `e`). */
export const numComplete = (s: NumState) =>
  s === 'zero' || s === 'int' || s === 'frac' || s === 'exp'

/** The value of a number prefix: its longest valid prefix, or undefined for a bare '-'. */
export function numValue(text: string, s: NumState): number | undefined {
  if (numComplete(s)) return Number(text)
  const trim = s === 'dot' || s === 'e' ? 1 : s === 'esign' ? 2 : text.length
  return trim < text.length ? Number(text.slice(0, text.length - trim)) : undefined
}
