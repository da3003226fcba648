import type { TextFilter, TextTransform } from './transform.ts'

/** Options of `redact`. */
export interface RedactOptions {
  /**
   * Characters always held back at the end, for patterns that can span whitespace. By
   * default the trailing run of non-whitespace is held back (most secrets are one "word").
   */
  holdBack?: number
  /** Upper bound of the held-back tail, so a long unbroken run still streams. @defaultValue 256 */
  maxHold?: number
}

function globalRegExp(pattern: string | RegExp): RegExp {
  if (typeof pattern === 'string') {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')
  }
  return pattern.flags.includes('g') ? pattern : new RegExp(pattern.source, `${pattern.flags}g`)
}

function trailingWord(text: string): number {
  let i = text.length
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--
  return text.length - i
}

/**
 * Replaces every match of `pattern`, even one split over several tokens: text that could still
 * become (part of) a match is held back until it is decided, and released on finish.
 *
 * Placed after `thinkTags` in a transform list, it filters the reasoning as well (on its own
 * instance), so a secret inside `<think>` is not shown there either.
 *
 * `replacement` is used as in `String.prototype.replace` (so `$&` and groups work).
 * @defaultValue replacement '[redacted]'
 *
 * @example
 * redact(/sk-[A-Za-z0-9]{20,}/, '[key]')
 */
export function redact(
  pattern: string | RegExp,
  replacement = '[redacted]',
  options: RedactOptions = {},
): TextTransform {
  const { holdBack, maxHold = 256 } = options
  return {
    name: 'redact',
    create(): TextFilter {
      const regexp = globalRegExp(pattern)
      let held = ''
      const replaceAll = (text: string) => text.replace(regexp, replacement)
      return {
        push(chunk) {
          const buffer = held + chunk
          const tail = Math.min(maxHold, holdBack ?? trailingWord(buffer))
          let cut = buffer.length - tail
          regexp.lastIndex = 0
          for (let m = regexp.exec(buffer); m; m = regexp.exec(buffer)) {
            if (m[0] === '') {
              regexp.lastIndex++
              continue
            }
            const end = m.index + m[0].length
            // A match reaching into the undecided tail may still grow: hold it whole.
            if (end >= cut && m.index < cut) {
              cut = buffer.length - m.index <= maxHold ? m.index : cut
              break
            }
            if (m.index >= cut) break
          }
          held = buffer.slice(cut)
          return { text: replaceAll(buffer.slice(0, cut)) }
        },
        flush() {
          const text = replaceAll(held)
          held = ''
          return { text }
        },
      }
    },
  }
}
