import { StreamError } from '../errors.ts'
import { createDecodeSession } from '../formats/decode-response.ts'
import { resolveFormat } from '../formats/resolve-format.ts'
import type { StreamPart } from '../parts.ts'
import { checkTransport } from '../transport/select.ts'
import { runAttempt } from './attempt.ts'
import { safeCall as call } from './safe-call.ts'
import { createDeadline, type Deadline } from './deadline.ts'
import { createResumeState } from './resume.ts'
import { nextStep } from './next-step.ts'
import { retryPolicy } from './retry.ts'
import { initialSnapshot, reduceStream, type StreamEvent } from './stream-machine.ts'
import { createTextPipeline, type TextPipeline } from './text-pipeline.ts'
import type { StreamController, StreamOptions, StreamResult, StreamSnapshot } from './types.ts'

function resultOf(s: StreamSnapshot): StreamResult {
  const { status, text, parts, reasoning, object, error, lastError, finishReason, usage, metrics } =
    s
  const result: StreamResult = { status, text, parts, metrics }
  if (reasoning !== undefined) result.reasoning = reasoning
  if (object !== undefined) result.object = object
  if (error !== undefined) result.error = error
  if (lastError !== undefined) result.lastError = lastError
  if (finishReason !== undefined) result.finishReason = finishReason
  if (usage !== undefined) result.usage = usage
  return result
}

/** Misuse is said at once, with what to do, not on the first request. */
function checkOptions(options: StreamOptions): StreamOptions {
  if (options.url === undefined && options.fetch === undefined) {
    throw new TypeError(
      'createStream needs a url (or a fetch). Did you mean createStream({ url: "/api/chat" })?',
    )
  }
  // A misspelt format is misuse: say so now, with the valid names, not on the first request.
  if (options.format !== undefined) resolveFormat(options.format)
  checkTransport(options)
  return options
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * The event that shows the parts heard from the chunk being read and what they released
 * (one snapshot per chunk, not one per part); undefined when nothing waits.
 */
function heardEvent(current: Run, at: number, bytes?: number): StreamEvent | undefined {
  const release = current.pipeline.take()
  const parts = current.heard
  if (parts.length === 0) return release && { type: 'release', at, release }
  current.heard = []
  return { type: 'parts', parts, at, bytes, release }
}

interface Run {
  epoch: number
  abort: AbortController
  pipeline: TextPipeline
  /** The parts heard from the chunk being read, shown together once it is decoded. */
  heard: StreamPart[]
  startedAt: number
  settle(result: StreamResult): void
}

/**
 * Creates a framework-agnostic stream controller: a store (`subscribe` / `getSnapshot`) over one
 * streamed HTTP response, with abort, retry with backoff, resume by `Last-Event-ID`, timeouts,
 * metrics, smoothing, transforms and partial JSON. State changes go through `reduceStream`;
 * every attempt carries an epoch, and events of a superseded attempt are dropped. Options are
 * read when they are used (each request, each run): `setOptions` replaces them for what comes
 * next, which is how the React hooks hand over each render's options.
 *
 * @example
 * const stream = createStream({ url: '/api/chat', format: 'openai-chat' })
 * stream.subscribe(() => render(stream.getSnapshot().text))
 * await stream.start({ messages })
 */
export function createStream(initialOptions: StreamOptions): StreamController {
  let options = checkOptions(initialOptions)
  let snapshot = initialSnapshot
  const listeners = new Set<() => void>()
  let epoch = 0
  let run: Run | undefined
  let lastInput: unknown
  // The pipeline of the run whose text is shown (kept after it ends, until start or reset),
  // and what `getSnapshot()` last returned for `snapshot`: the reducer's snapshot plus, with
  // `output: 'json'`, its `object`, parsed when first read and kept until the next change.
  let displayed: TextPipeline | undefined
  let read: StreamSnapshot | undefined

  /** `s` with the value `pipeline` parsed (a plain copy), or `s` itself when there is none. */
  const withObject = (s: StreamSnapshot, pipeline = displayed): StreamSnapshot => {
    const object = pipeline?.json()
    return object === undefined ? s : Object.freeze({ ...s, object })
  }

  /** Makes `next` the snapshot and tells the listeners. `ready`: `next` with its object, if made. */
  const publish = (next: StreamSnapshot, ready?: StreamSnapshot) => {
    snapshot = next
    read = ready
    for (const listener of [...listeners]) call(listener, undefined)
  }

  /** Applies `event`; returns the snapshot it produced (a listener may start another run). */
  const dispatch = (event: StreamEvent): StreamSnapshot => {
    const next = reduceStream(snapshot, event)
    if (next !== snapshot) publish(next)
    return next
  }

  /**
   * The one way a run ends: its last event goes through the reducer, and the result is that
   * event's snapshot, which every listener saw. The run is cleared before anyone hears of it,
   * so a `start()` from a listener or callback begins afresh instead of aborting a finished
   * run, and the result is not whatever that listener started.
   */
  const finish = (current: Run, event: StreamEvent, report?: (result: StreamResult) => void) => {
    if (run === current) run = undefined
    // The result has the object; listeners reading the snapshot get the same one, not a reparse.
    const next = reduceStream(snapshot, event)
    const last = withObject(next, current.pipeline)
    if (next !== snapshot) publish(next, last)
    const result = resultOf(last)
    report?.(result)
    current.settle(result)
  }

  /**
   * Ends the current run (if any) without a request after it. The request's signal is aborted
   * with an `AbortError` that names the command, so a custom fetch or a log can tell why.
   */
  const supersede = (command: string): Run | undefined => {
    const current = run
    if (!current) return undefined
    epoch++
    run = undefined
    current.abort.abort(new DOMException(`The stream was ended by ${command}`, 'AbortError'))
    return current
  }

  /**
   * Ends the running stream (if any) as `stop()` does: status `aborted`, and whatever the
   * smoother or a transform still holds is shown, never dropped. `command` names the reason.
   * `start()` and `reset()` replace the snapshot in the same call: the stopped run's result
   * still comes from the reducer, but no listener sees a snapshot replaced at once.
   */
  const halt = (command: string, shown: boolean) => {
    const current = supersede(command)
    if (!current) return
    const at = Date.now() - current.startedAt
    // A callback stopped the stream inside a chunk: the parts heard before it are shown in
    // the stopped snapshot, not dropped.
    const heard = heardEvent(current, at)
    const event: StreamEvent = { type: 'stop', at, release: current.pipeline.end() }
    if (shown) {
      if (heard) {
        snapshot = reduceStream(snapshot, heard)
        read = undefined
      }
      finish(current, event)
    } else {
      const before = heard ? reduceStream(snapshot, heard) : snapshot
      current.settle(resultOf(withObject(reduceStream(before, event), current.pipeline)))
    }
  }

  async function execute(current: Run, input: unknown): Promise<void> {
    const deadline = createDeadline(
      current.abort.signal,
      options.timeout?.total,
      () => snapshot.text,
    )
    try {
      await attempts(current, input, deadline)
    } finally {
      deadline.clear()
    }
  }

  async function attempts(current: Run, input: unknown, deadline: Deadline): Promise<void> {
    const resume = options.resume ?? 'auto'
    const rules = {
      policy: retryPolicy(options.retry),
      resume,
      tooLateFor: (delay: number) => deadline.tooLateFor(delay),
    }
    const live = () => current.epoch === epoch
    const at = () => Date.now() - current.startedAt
    // A restart replaces the answer, and with it what its ids said.
    let ids = createResumeState()
    // What the format gathered (finish reason, usage) survives a resume that appends.
    let format = createDecodeSession(options.format)
    let serverRetry = 0
    let bytes = 0
    let attempt = 0
    let delivered = false
    for (;;) {
      const lastEventId = resume === 'auto' && ids.resumable ? ids.lastEventId : ''
      ids.begin(lastEventId !== '')
      const outcome = await runAttempt({
        options,
        input,
        lastEventId,
        format,
        signal: deadline.signal,
        live,
        partialText: () => snapshot.text,
        onPart(part) {
          ids.onDelivered()
          call(options.onPart, part)
          if (part.type === 'text') current.pipeline.push(part.text)
          else current.pipeline.part(part)
          if (live()) current.heard.push(part)
        },
        commit() {
          const event = live() ? heardEvent(current, at(), bytes) : undefined
          if (event) dispatch(event)
        },
        onId: (id) => ids.onId(id),
        onMessage: (ownId) => ids.onMessage(ownId),
        replayed: () => ids.replayed(),
        conflicted: () => ids.conflicted(),
        onRetry: (ms) => (serverRetry = ms),
        onBytes: (n) => (bytes += n),
      })
      if (outcome.type === 'superseded' || !live()) return
      if (outcome.type === 'finish') {
        const { reason, usage } = outcome.part
        call(options.onPart, outcome.part as StreamPart)
        // A 204 shows nothing new: after a restart the earlier text stays instead of blanking.
        const release = current.pipeline.end(!outcome.noContent)
        return finish(current, { type: 'finish', at: at(), reason, usage, bytes, release }, (r) =>
          call(options.onFinish, r),
        )
      }
      const step = nextStep(
        outcome,
        {
          attempt,
          delivered,
          idsResumable: ids.resumable,
          serverRetry,
          remaining: deadline.remaining(),
          expired: deadline.expired,
        },
        rules,
      )
      if (step.type === 'settle') {
        const error = step.error ?? outcome.error
        const release = current.pipeline.end()
        return finish(
          current,
          { type: 'fail', at: at(), error, retry: false, bytes, release },
          (r) => call(options.onError, r.error ?? error),
        )
      }
      attempt = step.attempt
      delivered = step.delivered
      dispatch({
        type: 'fail',
        at: at(),
        error: outcome.error,
        retry: true,
        bytes,
        release: current.pipeline.drain(),
      })
      await sleep(step.delay, deadline.signal)
      if (!live()) return
      dispatch({ type: 'wait-over', at: at() })
      // A restart replaces the answer: its text and what its format gathered start over.
      if (step.type === 'restart') {
        current.pipeline.restart()
        format = createDecodeSession(options.format)
        ids = createResumeState()
      }
    }
  }

  function start(input?: unknown): Promise<StreamResult> {
    halt('start()', false)
    lastInput = input
    const myEpoch = ++epoch
    let settle!: (result: StreamResult) => void
    const promise = new Promise<StreamResult>((resolve) => (settle = resolve))
    const current: Run = {
      epoch: myEpoch,
      abort: new AbortController(),
      startedAt: Date.now(),
      settle,
      heard: [],
      pipeline: createTextPipeline(options, () => {
        // Released at once by a part of the chunk being read: shown with that chunk's parts.
        if (myEpoch !== epoch || current.heard.length > 0) return
        const release = current.pipeline.take()
        if (release) dispatch({ type: 'release', at: Date.now() - current.startedAt, release })
      }),
    }
    run = current
    displayed = current.pipeline
    dispatch({ type: 'start' })
    execute(current, input).catch((cause: unknown) => {
      // User code that throws inside the loop (a transform, retryOn) gets here: report it, never reject.
      if (current.epoch !== epoch) return
      const message = cause instanceof Error ? cause.message : String(cause)
      const error = new StreamError('network', message, { cause, retryable: false })
      const at = Date.now() - current.startedAt
      finish(current, { type: 'fail', at, error, retry: false }, (r) =>
        call(options.onError, r.error ?? error),
      )
    })
    return promise
  }

  return {
    getSnapshot: () => (read ??= withObject(snapshot)),
    getStatus: () => snapshot.status,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    start,
    stop: () => halt('stop()', true),
    retry: () => start(lastInput),
    setOptions(next) {
      options = checkOptions(next)
    },
    reset() {
      halt('reset()', false)
      displayed = undefined
      dispatch({ type: 'reset' })
    },
  }
}
