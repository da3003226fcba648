/** What a filter lets through for one input: visible text and set-aside reasoning. */
export interface TransformOutput {
  text: string
  reasoning?: string
}

/** One stream's running filter: holds back what it cannot decide yet, releases the rest. */
export interface TextFilter {
  push(text: string): TransformOutput
  /** The stream ended: release everything still held back. */
  flush(): TransformOutput
}

/**
 * A buffer-and-release filter over streamed text that sees across token boundaries.
 * `create()` is called once per stream (and again when a stream restarts from scratch).
 *
 * @example
 * createStream({ url, transform: [thinkTags(), redact(/sk-[A-Za-z0-9]{8,}/g)] })
 */
export interface TextTransform {
  name: string
  create(): TextFilter
}

/** Several transforms as one filter: each one's text feeds the next; reasoning collects. */
export function composeFilters(transforms: readonly TextTransform[]): TextFilter {
  const filters = transforms.map((t) => t.create())
  const run = (first: TransformOutput, from: number, flushing: boolean): TransformOutput => {
    let text = first.text
    let reasoning = first.reasoning ?? ''
    for (let i = from; i < filters.length; i++) {
      const filter = filters[i]!
      const out = text ? filter.push(text) : { text: '' }
      text = out.text
      reasoning += out.reasoning ?? ''
      if (flushing) {
        const rest = filter.flush()
        text += rest.text
        reasoning += rest.reasoning ?? ''
      }
    }
    return { text, reasoning }
  }
  return {
    push: (text) => run({ text }, 0, false),
    flush: () => run({ text: '' }, 0, true),
  }
}
