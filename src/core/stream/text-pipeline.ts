import { createJsonParser, type JsonStreamParser } from '../text/json-stream.ts'
import { createSmoother, type SmoothOptions, type Smoother } from '../text/smooth.ts'
import { composeFilters, type TextFilter, type TextTransform } from '../text/transform.ts'
import type { StreamPart } from '../parts.ts'
import { createPartsBuilder } from './parts-builder.ts'
import type { Release } from './stream-machine.ts'

/** Options the pipeline reads from `StreamOptions`. */
export interface TextPipelineOptions {
  transform?: TextTransform | readonly TextTransform[]
  smooth?: false | SmoothOptions
  output?: 'text' | 'json'
}

/** Received text → transforms → smoothing → shown text (and the parsed object). */
export interface TextPipeline {
  /** Text received; what can be shown at once (undefined when nothing is). */
  push(text: string): Release | undefined
  /**
   * A reasoning, tool-call or source part received: the release with the message parts it
   * changed (text the smoother holds is shown first, so parts keep their arrival order).
   * Undefined for other parts.
   */
  part(part: StreamPart): Release | undefined
  /** Show everything the smoother holds (a retryable failure: the text so far is shown). */
  drain(): Release | undefined
  /**
   * The stream ended or stopped: release everything the transforms and smoother hold.
   * `finished`: it completed, so a restarted answer replaces the old text even when empty;
   * after a failure an empty restart leaves the earlier text shown.
   */
  end(finished?: boolean): Release | undefined
  /** Start over (a restart without event ids): the next release replaces the text. */
  restart(): void
  /**
   * With `output: 'json'`, the value parsed from the text released so far (undefined before
   * anything valid was released, and without `output: 'json'`). Parsing is deferred to this
   * call: the text released since the last call is parsed now, so a stream whose value nobody
   * reads parses nothing until the end. Between two releases it returns the same value; after
   * one, a new value that shares every closed array and object with the one before.
   */
  json(): unknown
}

const messagePartTypes = new Set([
  'reasoning',
  'tool-call-start',
  'tool-call-delta',
  'tool-call-end',
  'source',
])

/** True for the decoded parts that become message parts (besides text). */
function isMessagePart(part: StreamPart): boolean {
  return messagePartTypes.has(part.type)
}

/**
 * Builds the per-stream text pipeline. With smoothing, releases arrive later through
 * `onLater`; everything else is returned synchronously to the caller.
 */
export function createTextPipeline(
  options: TextPipelineOptions,
  onLater: (release: Release) => void,
): TextPipeline {
  const transforms = options.transform
    ? Array.isArray(options.transform)
      ? (options.transform as readonly TextTransform[])
      : [options.transform as TextTransform]
    : []
  const newFilter = (): TextFilter | undefined =>
    transforms.length ? composeFilters(transforms) : undefined
  const newParser = () => (options.output === 'json' ? createJsonParser() : undefined)

  let filter = newFilter()
  let parser: JsonStreamParser | undefined = newParser()
  // Text released but not yet parsed: `json()` parses it when the value is read.
  let unparsed = ''
  let replace = false
  const parts = createPartsBuilder()
  const smoother: Smoother | undefined = options.smooth
    ? createSmoother(options.smooth, (text) => onLater(make(text, '', false)!))
    : undefined

  /**
   * The release of `text` and `reasoning`. `gathered`: the caller already put them in the
   * parts; `changed`: the parts changed even if no text did.
   */
  function make(
    text: string,
    reasoning: string,
    always: boolean,
    changed = false,
    gathered = false,
  ): Release | undefined {
    if (!text && !reasoning && !changed && !(always && replace)) return undefined
    if (!gathered) {
      parts.reasoning(reasoning)
      parts.text(text)
    }
    const release: Release = { text, reasoning, parts: parts.parts }
    if (parser) {
      // The restarted answer replaces the shown text only now: until then the old value stays.
      if (replace) {
        parser = newParser()
        unparsed = ''
      }
      unparsed += text
    }
    if (replace) {
      release.replace = true
      replace = false
    }
    return release
  }

  return {
    push(text) {
      const out = filter ? filter.push(text) : { text }
      if (!smoother) return make(out.text, out.reasoning ?? '', false)
      smoother.push(out.text)
      return make('', out.reasoning ?? '', false)
    },
    part(part) {
      if (!isMessagePart(part)) return undefined
      // What the smoother holds arrived before this part: it is shown first.
      const held = smoother ? smoother.flush() : ''
      parts.text(held)
      const before = parts.parts
      parts.part(part)
      const reasoning = part.type === 'reasoning' ? part.text : ''
      return make(held, reasoning, false, parts.parts !== before, true)
    },
    drain() {
      return smoother ? make(smoother.flush(), '', false) : undefined
    },
    end(finished = false) {
      const held = smoother ? smoother.flush() : ''
      const out = filter ? filter.flush() : { text: '' }
      const before = parts.parts
      parts.reasoning(out.reasoning ?? '')
      parts.text(held + out.text)
      if (finished) parts.complete()
      return make(held + out.text, out.reasoning ?? '', finished, parts.parts !== before, true)
    },
    restart() {
      smoother?.flush()
      filter = newFilter()
      parts.reset()
      replace = true
    },
    json() {
      if (!parser) return undefined
      if (unparsed) {
        parser.push(unparsed)
        unparsed = ''
      }
      return parser.value
    },
  }
}
