import { StreamError } from '../errors.ts'
import type { StreamPart } from '../parts.ts'
import { isActive } from '../status.ts'
import { runAttempt } from './attempt.ts'
import { backoffDelay, retryPolicy, shouldRetry } from './retry.ts'
import { initialSnapshot, reduceStream, type StreamEvent } from './stream-machine.ts'
import { createTextPipeline, type TextPipeline } from './text-pipeline.ts'
import type { StreamController, StreamOptions, StreamResult, StreamSnapshot } from './types.ts'

/** A user callback must not break the stream; its error is rethrown outside it. */
function call<T>(fn: ((arg: T) => void) | undefined, arg: T): void {
  if (!fn) return
  try {
    fn(arg)
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}

function resultOf(s: StreamSnapshot): StreamResult {
  const { status, text, reasoning, object, error, finishReason, usage, metrics } = s
  const result: StreamResult = { status, text, metrics }
  if (reasoning !== undefined) result.reasoning = reasoning
  if (object !== undefined) result.object = object
  if (error !== undefined) result.error = error
  if (finishReason !== undefined) result.finishReason = finishReason
  if (usage !== undefined) result.usage = usage
  return result
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

interface Run {
  epoch: number
  abort: AbortController
  pipeline: TextPipeline
  startedAt: number
  settle(result: StreamResult): void
}

/**
 * Creates a framework-agnostic stream controller: a store (`subscribe` / `getSnapshot`) over one
 * streamed HTTP response, with abort, retry with backoff, resume by `Last-Event-ID`, timeouts,
 * metrics, smoothing, transforms and partial JSON. State changes go through `reduceStream`;
 * every attempt carries an epoch, and events of a superseded attempt are dropped. Options are
 * read when they are used (each request, each run), so an adapter may keep them fresh.
 *
 * @example
 * const stream = createStream({ url: '/api/chat', format: 'openai-chat' })
 * stream.subscribe(() => render(stream.getSnapshot().text))
 * await stream.start({ messages })
 */
export function createStream(options: StreamOptions): StreamController {
  if (options.url === undefined && options.fetch === undefined) {
    throw new TypeError(
      'createStream needs a url (or a fetch). Did you mean createStream({ url: "/api/chat" })?',
    )
  }
  let snapshot = initialSnapshot
  const listeners = new Set<() => void>()
  let epoch = 0
  let run: Run | undefined
  let lastInput: unknown

  const dispatch = (event: StreamEvent) => {
    const next = reduceStream(snapshot, event)
    if (next === snapshot) return
    snapshot = next
    for (const listener of [...listeners]) listener()
  }

  /** Ends the current run (if any) without a request after it. */
  const supersede = (): Run | undefined => {
    const current = run
    if (!current) return undefined
    epoch++
    run = undefined
    current.abort.abort()
    return current
  }

  async function execute(current: Run, input: unknown): Promise<void> {
    const policy = retryPolicy(options.retry)
    const resume = options.resume ?? 'auto'
    const live = () => current.epoch === epoch
    const at = () => Date.now() - current.startedAt
    let lastEventId = ''
    let serverRetry = 0
    let bytes = 0
    let attempt = 0
    let delivered = false
    for (;;) {
      const outcome = await runAttempt({
        options,
        input,
        lastEventId: resume === 'auto' ? lastEventId : '',
        signal: current.abort.signal,
        live,
        partialText: () => snapshot.text,
        onPart(part) {
          call(options.onPart, part)
          const release = part.type === 'text' ? current.pipeline.push(part.text) : undefined
          if (live()) dispatch({ type: 'part', part, at: at(), bytes, release })
        },
        onId: (id) => (lastEventId = id),
        onRetry: (ms) => (serverRetry = ms),
        onBytes: (n) => (bytes += n),
      })
      if (outcome.type === 'superseded' || !live()) return
      if (outcome.type === 'finish') {
        const { reason, usage } = outcome.part
        call(options.onPart, outcome.part as StreamPart)
        const release = current.pipeline.end(true)
        dispatch({ type: 'finish', at: at(), reason, usage, bytes, release })
        run = undefined
        call(options.onFinish, resultOf(snapshot))
        return current.settle(resultOf(snapshot))
      }
      const { error, progressed } = outcome
      delivered ||= progressed
      // Progress made by appending resets the budget: each drop is a new, independent failure.
      const appending = resume === 'auto' && lastEventId !== ''
      if (progressed && appending) attempt = 0
      attempt++
      const resumable = resume !== false || !delivered
      if (!resumable || !shouldRetry(policy, error, attempt)) {
        const release = current.pipeline.end()
        dispatch({ type: 'fail', at: at(), error, retry: false, bytes, release })
        run = undefined
        call(options.onError, snapshot.error ?? error)
        return current.settle(resultOf(snapshot))
      }
      dispatch({
        type: 'fail',
        at: at(),
        error,
        retry: true,
        bytes,
        release: current.pipeline.drain(),
      })
      const floor = Math.max(error.retryAfter ?? 0, serverRetry)
      await sleep(backoffDelay(policy, attempt, floor), current.abort.signal)
      if (!live()) return
      dispatch({ type: 'wait-over', at: at() })
      if (!(resume === 'auto' && lastEventId !== '')) current.pipeline.restart()
    }
  }

  function start(input?: unknown): Promise<StreamResult> {
    const previous = supersede()
    if (previous) {
      previous.pipeline.end()
      previous.settle({ ...resultOf(snapshot), status: 'aborted' })
    }
    lastInput = input
    const myEpoch = ++epoch
    let settle!: (result: StreamResult) => void
    const promise = new Promise<StreamResult>((resolve) => (settle = resolve))
    const current: Run = {
      epoch: myEpoch,
      abort: new AbortController(),
      startedAt: Date.now(),
      settle,
      pipeline: createTextPipeline(options, (release) => {
        if (myEpoch === epoch)
          dispatch({ type: 'release', at: Date.now() - current.startedAt, release })
      }),
    }
    run = current
    dispatch({ type: 'start' })
    execute(current, input).catch((cause: unknown) => {
      // Only a throwing `headers()` or `body()` gets here: report it, never reject.
      if (current.epoch !== epoch) return
      const message = cause instanceof Error ? cause.message : String(cause)
      const error = new StreamError('network', message, { cause, retryable: false })
      dispatch({ type: 'fail', at: Date.now() - current.startedAt, error, retry: false })
      run = undefined
      call(options.onError, snapshot.error ?? error)
      current.settle(resultOf(snapshot))
    })
    return promise
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    start,
    stop() {
      const current = supersede()
      if (!current || !isActive(snapshot.status)) return
      // Whatever the smoother or a transform still holds is shown, never dropped.
      const release = current.pipeline.end()
      dispatch({ type: 'stop', at: Date.now() - current.startedAt, release })
      current.settle(resultOf(snapshot))
    },
    retry: () => start(lastInput),
    reset() {
      const before = resultOf(snapshot)
      const current = supersede()
      current?.pipeline.end()
      dispatch({ type: 'reset' })
      current?.settle({ ...before, status: 'aborted' })
    },
  }
}
