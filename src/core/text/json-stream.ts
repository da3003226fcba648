import { isDigit, numComplete, numStep, numValue, type NumState } from './json-number.ts'

/** How much of a JSON text is valid: a whole value, a valid prefix, or neither. */
export type JsonParseState = 'complete' | 'partial' | 'invalid'

/** An incremental JSON parser: feed text in pieces, read the value built so far. */
export interface JsonStreamParser {
  push(text: string): void
  /**
   * The value parsed so far; the same value until more text changes it. A value once read is
   * never mutated: a read copies the containers still open (each once, shallow), and every
   * closed array or object is shared with the values read before. So a read costs the widths of
   * the open containers: a growing top-level array is copied whole (one memcpy of its items) per
   * read, a growing string or a narrow path costs the same at any size.
   */
  readonly value: unknown
  /** `final`: the input has ended, so a trailing top-level number is whole. */
  state(final?: boolean): JsonParseState
}

type Frame =
  | {
      kind: 'object'
      value: Record<string, unknown>
      key: string
      expect: 'key' | 'colon' | 'value' | 'comma' | 'first'
      slotKey: string | number
    }
  | {
      kind: 'array'
      value: unknown[]
      expect: 'value' | 'comma' | 'first'
      slotKey: string | number
    }

const literals: Record<string, { word: string; value: unknown }> = {
  t: { word: 'true', value: true },
  f: { word: 'false', value: false },
  n: { word: 'null', value: null },
}
const escapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}
const isWs = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t'

/**
 * Creates an incremental JSON parser whose total work is linear in the input: each character
 * is looked at once, and the value is built as text arrives (a read copies the open containers).
 * Incomplete strings, numbers and literals show as their best reading so far; an object key shows once its value
 * starts.
 */
export function createJsonParser(): JsonStreamParser {
  const stack: Frame[] = []
  let root: unknown = undefined
  let rootDone = false
  let invalid = false
  // the scalar being read
  let mode: 'none' | 'string' | 'number' | 'literal' = 'none'
  let isKey = false
  let str = ''
  let esc = '' // '' | '\\' | '\\u' + hex digits so far
  let num = ''
  let numState: NumState = 'start'
  let lit = ''
  let slot: { frame: Frame | undefined; index: number } = { frame: undefined, index: 0 }

  // Copy-on-read: the containers being built (the open ones, on `stack`) are never handed out;
  // `value` hands out copies of them, each once (shallow: the closed containers inside are
  // shared, they never change again). So a read costs the widths of the open containers, and
  // writes go straight into them, an array keeping the spare room it grew with. `handed` is the
  // value last handed out, until the next write.
  let handed: { value: unknown } | undefined
  const write = (frame: Frame, key: string | number, value: unknown) => {
    if (frame.kind === 'array') frame.value[key as number] = value
    else frame.value[key as string] = value
  }
  const place = (value: unknown) => {
    const frame = slot.frame
    handed = undefined
    if (!frame) root = value
    else write(frame, frame.kind === 'array' ? slot.index : frame.key, value)
  }
  /** Copies of the open containers, innermost first, each holding the copy of the next. */
  const copyOpen = (): unknown => {
    let child: unknown
    for (let i = stack.length - 1; i >= 0; i--) {
      const frame = stack[i]!
      const inner = stack[i + 1]
      if (frame.kind === 'array') {
        const copy = frame.value.slice()
        if (inner) copy[inner.slotKey as number] = child
        child = copy
      } else {
        const copy = { ...frame.value }
        if (inner) copy[inner.slotKey as string] = child
        child = copy
      }
    }
    return child
  }
  // A value begins: remember where it goes.
  const beginValue = () => {
    const frame = stack[stack.length - 1]
    slot = { frame, index: frame?.kind === 'array' ? frame.value.length : 0 }
  }
  const endValue = () => {
    mode = 'none'
    const frame = stack[stack.length - 1]
    if (!frame) rootDone = true
    else frame.expect = 'comma'
  }
  const fail = () => {
    invalid = true
  }

  // Structural character outside any scalar.
  const structural = (c: string): void => {
    if (isWs(c)) return
    const frame = stack[stack.length - 1]
    if (rootDone) return fail()
    if (frame?.kind === 'object' && (frame.expect === 'key' || frame.expect === 'first')) {
      if (c === '"') {
        mode = 'string'
        isKey = true
        str = ''
        return
      }
      if (c === '}' && frame.expect === 'first') return close()
      return fail()
    }
    if (frame?.kind === 'object' && frame.expect === 'colon') {
      if (c === ':') frame.expect = 'value'
      else fail()
      return
    }
    if (frame && frame.expect === 'comma') {
      if (c === ',') frame.expect = frame.kind === 'object' ? 'key' : 'value'
      else if (c === (frame.kind === 'object' ? '}' : ']')) close()
      else fail()
      return
    }
    if (frame?.kind === 'array' && frame.expect === 'first' && c === ']') return close()
    // A value is expected here.
    beginValue()
    if (c === '{' || c === '[') {
      const value = c === '{' ? {} : []
      place(value)
      const parent = slot.frame
      const slotKey = parent ? (parent.kind === 'array' ? slot.index : parent.key) : ''
      stack.push(
        c === '{'
          ? {
              kind: 'object',
              value: value as Record<string, unknown>,
              key: '',
              expect: 'first',
              slotKey,
            }
          : { kind: 'array', value: value as unknown[], expect: 'first', slotKey },
      )
    } else if (c === '"') {
      mode = 'string'
      isKey = false
      str = ''
      place('')
    } else if (c === '-' || isDigit(c)) {
      mode = 'number'
      num = c
      numState = numStep('start', c)!
      const v = numValue(num, numState)
      if (v !== undefined) place(v)
    } else if (literals[c]) {
      mode = 'literal'
      lit = c
      place(literals[c].value)
      if (literals[c].word.length === 1) endValue()
    } else fail()
  }

  const close = () => {
    stack.pop()
    handed = undefined
    const frame = stack[stack.length - 1]
    if (!frame) rootDone = true
    else frame.expect = 'comma'
  }

  // Reads string content from `text` at `i`; returns the index after what it consumed.
  const readString = (text: string, i: number): number => {
    let chunk = ''
    while (i < text.length) {
      const c = text[i]!
      if (esc) {
        if (esc === '\\') {
          if (c === 'u') esc = '\\u'
          else if (escapes[c] !== undefined) {
            chunk += escapes[c]
            esc = ''
          } else return (fail(), text.length)
        } else if (/[0-9a-fA-F]/.test(c)) {
          esc += c
          if (esc.length === 6) {
            chunk += String.fromCharCode(parseInt(esc.slice(2), 16))
            esc = ''
          }
        } else return (fail(), text.length)
        i++
        continue
      }
      // Copy a run of plain characters at once.
      let j = i
      while (j < text.length && text[j] !== '"' && text[j] !== '\\' && text.charCodeAt(j) >= 0x20)
        j++
      chunk += text.slice(i, j)
      i = j
      if (i >= text.length) break
      const d = text[i]!
      if (d === '\\') {
        esc = '\\'
        i++
      } else if (d === '"') {
        str += chunk
        i++
        if (isKey) {
          const frame = stack[stack.length - 1] as Extract<Frame, { kind: 'object' }>
          frame.key = str
          frame.expect = 'colon'
          mode = 'none'
        } else {
          place(str)
          endValue()
        }
        return i
      } else return (fail(), text.length) // a raw control character
    }
    str += chunk
    if (!isKey && chunk) place(str)
    return i
  }

  return {
    push(text) {
      let i = 0
      while (i < text.length && !invalid) {
        if (mode === 'string') {
          i = readString(text, i)
          continue
        }
        const c = text[i]!
        if (mode === 'number') {
          const next = numStep(numState, c)
          if (next) {
            num += c
            numState = next
            i++
            continue
          }
          if (!numComplete(numState)) return fail()
          place(Number(num))
          endValue()
          continue // c is structural: look at it again
        }
        if (mode === 'literal') {
          const target = literals[lit[0]!]!.word
          if (c !== target[lit.length]) return fail()
          lit += c
          i++
          if (lit.length === target.length) endValue()
          continue
        }
        structural(c)
        i++
      }
      if (mode === 'number' && !invalid) {
        const v = numValue(num, numState)
        if (v !== undefined) place(v)
      }
    },
    get value() {
      if (invalid) return undefined
      handed ??= { value: stack.length ? copyOpen() : root }
      return handed.value
    },
    state(final = false) {
      if (invalid) return 'invalid'
      if (rootDone) return 'complete'
      if (final && mode === 'number' && stack.length === 0 && numComplete(numState))
        return 'complete'
      return 'partial'
    },
  }
}
