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

/**
 * Received text → transforms → smoothing → shown text (and the parsed object). What the parts
 * of a chunk release is gathered and taken once ({@link TextPipeline.take}), so a chunk of many
 * tokens costs one release and one change of the message parts.
 */
export interface TextPipeline {
  /** Text received. */
  push(text: string): void
  /**
   * A reasoning, tool-call or source part received (text the smoother holds is shown first, so
   * parts keep their arrival order). Other parts are ignored.
   */
  part(part: StreamPart): void
  /** What the pushes and parts since the last take show (undefined when nothing). */
  take(): Release | undefined
  /** Take, and show everything the smoother holds (a retryable failure: the text so far). */
  drain(): Release | undefined
  /**
   * The stream ended or stopped: take, and release everything the transforms and smoother
   * hold. `finished`: it completed, so a restarted answer replaces the old text even when
   * empty; after a failure an empty restart leaves the earlier text shown.
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
 * Builds the per-stream text pipeline. With smoothing, text is released later: `onLater` says
 * that something waits to be taken; everything else is taken by the caller.
 */
export function createTextPipeline(
  options: TextPipelineOptions,
  onLater: () => void,
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
  // What waits to be taken: the text and reasoning released, and whether the parts changed.
  let text = ''
  let reasoning = ''
  let changed = false
  // The latest run of text or reasoning, given to the parts builder in one piece when a part
  // of the other kind comes or at the take (the builder merges it into the part at the end).
  let run = ''
  let runKind: 'text' | 'reasoning' = 'text'
  // The run joins `text` (or `reasoning`) only here: a take with one run of text releases the
  // very string its part grew by, so the snapshot's text and the part share one rope of
  // deltas (a second rope doubles what every young-generation collection copies).
  const flushRun = () => {
    if (!run) return
    if (runKind === 'text') {
      parts.text(run)
      text += run
    } else {
      parts.reasoning(run)
      reasoning += run
    }
    run = ''
  }
  const add = (kind: 'text' | 'reasoning', more: string | undefined) => {
    if (!more) return
    if (kind !== runKind) flushRun()
    runKind = kind
    run += more
    changed = true
  }
  const smoother: Smoother | undefined = options.smooth
    ? createSmoother(options.smooth, (released) => {
        add('text', released)
        onLater()
      })
    : undefined

  /** The release of what waits; `always`: even when nothing does, if it replaces the text. */
  function take(always = false): Release | undefined {
    flushRun()
    if (!changed && !(always && replace)) return undefined
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
    text = ''
    reasoning = ''
    changed = false
    return release
  }

  return {
    push(received) {
      const out = filter ? filter.push(received) : { text: received }
      if (smoother) {
        smoother.push(out.text)
        add('reasoning', out.reasoning)
      } else {
        add('reasoning', out.reasoning)
        add('text', out.text)
      }
    },
    part(part) {
      if (!isMessagePart(part)) return
      // What the smoother holds arrived before this part: it is shown first.
      if (smoother) add('text', smoother.flush())
      flushRun()
      const before = parts.parts
      parts.part(part)
      if (parts.parts !== before) changed = true
      if (part.type === 'reasoning') reasoning += part.text
    },
    take: () => take(),
    drain() {
      if (smoother) add('text', smoother.flush())
      return take()
    },
    end(finished = false) {
      const held = smoother ? smoother.flush() : ''
      const out = filter ? filter.flush() : { text: '' }
      add('reasoning', out.reasoning)
      add('text', held + out.text)
      if (finished) {
        flushRun()
        const before = parts.parts
        parts.complete()
        if (parts.parts !== before) changed = true
      }
      return take(finished)
    },
    restart() {
      smoother?.flush()
      filter = newFilter()
      parts.reset()
      text = ''
      reasoning = ''
      run = ''
      changed = false
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
