import type { StreamError } from '../errors.ts'
import type { ChunkReader } from './read-chunks.ts'

/** What `deliver` returns for an item that is not handed out (an SSE id, a retry). */
export const skip: unique symbol = Symbol('skip')
/** What `deliver` returns to end the iteration before the item (the caller aborted). */
export const stop: unique symbol = Symbol('stop')

/**
 * Splits one body into items a chunk at a time (the SSE, line and text framers), so the
 * readers above it move whole chunks, not single items.
 */
export interface ChunkFramer<Item> {
  /** The items `chunk` completes, in order (often none). */
  feed(chunk: Uint8Array): readonly Item[]
  /** The body ended: the items still held. */
  end(): readonly Item[]
  /**
   * Set once an item grew past `maxEventSize` (a `'parse'` `StreamError`, not retryable): the
   * items returned before it are whole, nothing follows them.
   */
  readonly error: StreamError | undefined
}

const done: IteratorResult<never, void> = Object.freeze({ value: undefined, done: true })

/**
 * The items of a body, read by the reader `open` returns and split by `framer`, as an async generator for
 * `for await`. `deliver` is called for each item in order just before it is due, and says
 * what to hand out for it: a value, `skip`, or `stop` to end here (so an id reported or an
 * abort checked for item n happens after the consumer took item n − 1, never before).
 *
 * Not a native async generator, which costs a few promise hops per item: an item of a chunk
 * in hand costs one resolved promise, and only reading a chunk awaits. An aborted read ends
 * the iteration; a failed one throws a `StreamError` after the items that arrived whole.
 * `return()` (a `break`) releases the body at once, even while a read is pending; calls to
 * `next()` made while one waits are answered in order.
 */
export function iterateChunks<Item, T>(
  open: () => ChunkReader,
  framer: ChunkFramer<Item>,
  deliver: (item: Item) => T | typeof skip | typeof stop,
): AsyncGenerator<T, void, undefined> {
  // Opened by the first `next()`, as a native generator's body would: until then the body is
  // not locked, and a body that cannot be read rejects that call instead of throwing here.
  let reader: ChunkReader | undefined
  let batch: readonly Item[] = []
  let at = 0
  let ended = false
  let over = false
  // The read in progress. `loading` says whether it is still going: a load that ends without
  // awaiting (the body had ended, or an item was too large) is over before `pending` is set.
  let pending: Promise<IteratorResult<T, void>> | undefined
  let loading = false

  const finish = () => {
    if (over) return
    over = true
    batch = []
    reader?.cancel()
  }
  // The next item of the chunk in hand; undefined when it is used up.
  const fromBatch = (): IteratorResult<T, void> | undefined => {
    while (at < batch.length) {
      const value = deliver(batch[at++]!)
      if (value === skip) continue
      if (value === stop) {
        finish()
        return done
      }
      return { value, done: false }
    }
    return undefined
  }
  const load = async (): Promise<IteratorResult<T, void>> => {
    try {
      const chunks = (reader ??= open())
      for (;;) {
        // An item too large ends the body after the items before it.
        if (framer.error) throw framer.error
        if (ended) {
          finish()
          return done
        }
        let chunk: Uint8Array | undefined
        try {
          chunk = chunks.take(await chunks.pull())
        } catch (cause) {
          const error = chunks.failed(cause)
          if (error.kind !== 'aborted') throw error
          finish()
          return done
        }
        // Ended by `return()` while the read waited.
        if (over) return done
        ended = !chunk
        batch = chunk ? framer.feed(chunk) : framer.end()
        at = 0
        const result = fromBatch()
        if (result) return result
      }
    } catch (error) {
      finish()
      throw error
    } finally {
      loading = false
    }
  }
  const iterator: AsyncGenerator<T, void, undefined> = {
    next() {
      // Behind a read that waits: answered once it settled, in order.
      if (loading) {
        const after = () => iterator.next()
        return pending!.then(after, after)
      }
      if (over) return Promise.resolve(done)
      let result: IteratorResult<T, void> | undefined
      try {
        result = fromBatch()
      } catch (error) {
        finish()
        return Promise.reject(error)
      }
      if (result) return Promise.resolve(result)
      loading = true
      pending = load()
      return pending
    },
    return() {
      finish()
      return Promise.resolve(done)
    },
    throw(error: unknown) {
      finish()
      return Promise.reject(error)
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  // `await using` (where the runtime has it) ends the iteration like `return()`.
  const dispose = (Symbol as { asyncDispose?: symbol }).asyncDispose
  if (dispose) Object.defineProperty(iterator, dispose, { value: () => iterator.return() })
  return iterator
}
