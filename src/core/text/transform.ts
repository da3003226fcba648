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
 * In a list of transforms, each one filters the text the one before it let through, and
 * also the reasoning the ones before it set aside, on an instance of its own (a second
 * `create()`): what is shown as `reasoning` is shown too, so `redact` after `thinkTags` hides a
 * secret inside `<think>` as well. Whatever a transform lets through of the reasoning stays
 * reasoning. A transform holding back the end of the reasoning (`redact` keeps its last word
 * until the next whitespace) releases it when more reasoning comes or the stream ends.
 *
 * @example
 * createStream({ url, transform: [thinkTags(), redact(/sk-[A-Za-z0-9]{8,}/g)] })
 */
export interface TextTransform {
  name: string
  create(): TextFilter
}

/**
 * Several transforms as one filter: each one's text feeds the next, and the reasoning set
 * aside so far passes each later transform too, on a filter of its own made when first needed.
 */
export function composeFilters(transforms: readonly TextTransform[]): TextFilter {
  const filters = transforms.map((t) => t.create())
  const reasoningFilters: (TextFilter | undefined)[] = []
  const both = (out: TransformOutput) => out.text + (out.reasoning ?? '')
  const run = (input: string, flushing: boolean): TransformOutput => {
    let text = input
    let reasoning = ''
    for (let i = 0; i < filters.length; i++) {
      let next = ''
      if (reasoning) next += both((reasoningFilters[i] ??= transforms[i]!.create()).push(reasoning))
      if (flushing && reasoningFilters[i]) next += both(reasoningFilters[i]!.flush())
      const filter = filters[i]!
      const out = text ? filter.push(text) : { text: '' }
      text = out.text
      next += out.reasoning ?? ''
      if (flushing) {
        const rest = filter.flush()
        text += rest.text
        next += rest.reasoning ?? ''
      }
      reasoning = next
    }
    return { text, reasoning }
  }
  return {
    push: (text) => run(text, false),
    flush: () => run('', true),
  }
}
