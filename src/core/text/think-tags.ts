import type { TextFilter, TextTransform, TransformOutput } from './transform.ts'

/** Options of `thinkTags`. */
export interface ThinkTagsOptions {
  /** @defaultValue 'think' */
  tag?: string
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagAtEnd(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n
  }
  return 0
}

/**
 * Hides `<think>…</think>` blocks (DeepSeek-R1, Qwen and other reasoning models) from the text
 * and exposes their content as `reasoning`. A tag split over tokens is recognised; text that
 * might be the start of a tag is held back until decided and released on finish.
 *
 * @example
 * createStream({ url, transform: thinkTags() }) // snapshot.reasoning holds the thoughts
 */
export function thinkTags(options: ThinkTagsOptions = {}): TextTransform {
  const name = options.tag ?? 'think'
  const open = `<${name}>`
  const close = `</${name}>`
  return {
    name: 'think-tags',
    create(): TextFilter {
      let inside = false
      let held = ''
      return {
        push(chunk) {
          let buffer = held + chunk
          const out: TransformOutput = { text: '', reasoning: '' }
          for (;;) {
            const tag = inside ? close : open
            const at = buffer.indexOf(tag)
            if (at === -1) {
              const keep = partialTagAtEnd(buffer, tag)
              const free = buffer.slice(0, buffer.length - keep)
              if (inside) out.reasoning += free
              else out.text += free
              held = buffer.slice(buffer.length - keep)
              return out
            }
            if (inside) out.reasoning += buffer.slice(0, at)
            else out.text += buffer.slice(0, at)
            buffer = buffer.slice(at + tag.length)
            inside = !inside
          }
        },
        flush() {
          // An unclosed block stays hidden: what was inside is reasoning.
          const out = inside ? { text: '', reasoning: held } : { text: held }
          held = ''
          return out
        },
      }
    },
  }
}
