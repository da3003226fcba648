// The iterator protocol of readSSE and readLines (hand-written, not a native async generator):
// what a consumer that is not a plain `for await` sees.
import { describe, expect, test } from 'vitest'
import { isStreamError, readLines, readSSE } from 'rivulet/core'
import { seededRandom, streamOf, toBytes } from '../../helpers/chunkings.ts'

/** A body that sends `first`, then waits until `release()` to send `rest` and close. */
function heldBody(first: string, rest: string) {
  let cancelled: unknown = 'not cancelled'
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  let step = 0
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        step++
        if (step === 1) return controller.enqueue(toBytes(first))
        await held
        if (step === 2) controller.enqueue(toBytes(rest))
        else controller.close()
      },
      cancel(reason) {
        cancelled = reason
      },
    },
    { highWaterMark: 0 },
  )
  return { body, release, cancelled: () => cancelled }
}

describe('readSSE and readLines as iterators', () => {
  test('next() called again before the first settled answers in order', async () => {
    const { body, release } = heldBody('data: a\n\n', 'data: b\n\n')
    const messages = readSSE(body)
    const first = messages.next()
    const second = messages.next()
    const third = messages.next()
    release()
    expect(await first).toStrictEqual({ value: { data: 'a' }, done: false })
    expect(await second).toStrictEqual({ value: { data: 'b' }, done: false })
    expect(await third).toStrictEqual({ value: undefined, done: true })
    expect(await messages.next()).toStrictEqual({ value: undefined, done: true })
  })

  test('return() while a read waits for the server releases the body and ends the read', async () => {
    const { body, cancelled } = heldBody('data: a\n\n', 'data: b\n\n')
    const messages = readSSE(body)
    expect((await messages.next()).value).toStrictEqual({ data: 'a' })
    const waiting = messages.next()
    expect(await messages.return()).toStrictEqual({ value: undefined, done: true })
    expect(await waiting).toStrictEqual({ value: undefined, done: true })
    expect(cancelled()).toBeUndefined()
  })

  test('throw() rejects with its error, releases the body and ends the iteration', async () => {
    const { body, cancelled } = heldBody('a\nb\n', 'c\n')
    const lines = readLines(body)
    expect((await lines.next()).value).toBe('a')
    const error = new Error('consumer failed')
    await expect(lines.throw(error)).rejects.toBe(error)
    expect(cancelled()).toBeUndefined()
    expect(await lines.next()).toStrictEqual({ value: undefined, done: true })
  })

  test('it is its own async iterator', () => {
    const messages = readSSE(streamOf([toBytes('data: a\n\n')]))
    expect(messages[Symbol.asyncIterator]()).toBe(messages)
  })

  test('a failed read rejects once, after the whole messages; then the iteration is over', async () => {
    const body = streamOf([toBytes('data: a\n\ndata: b')], new TypeError('socket hang up'))
    const messages = readSSE(body)
    expect((await messages.next()).value).toStrictEqual({ data: 'a' })
    const error = await messages.next().catch((e: unknown) => e)
    expect(isStreamError(error) && error.kind).toBe('network')
    expect(await messages.next()).toStrictEqual({ value: undefined, done: true })
  })

  test('a line past maxEventSize throws after the lines before it', async () => {
    const body = streamOf([toBytes('ok\n' + 'x'.repeat(64))])
    const seen: string[] = []
    const error = await (async () => {
      for await (const line of readLines(body, { maxEventSize: 16 })) seen.push(line)
    })().catch((e: unknown) => e)
    expect(seen).toStrictEqual(['ok'])
    expect(isStreamError(error) && error.kind).toBe('parse')
  })
})

describe('readSSE and readLines open the body on the first next(), as a generator would', () => {
  test('until then the body is not locked; return() before it leaves the body alone', async () => {
    const body = streamOf([toBytes('data: a\n\n')])
    const messages = readSSE(body)
    expect(body.locked).toBe(false)
    expect(await messages.return()).toStrictEqual({ value: undefined, done: true })
    expect(body.locked).toBe(false)
  })

  test('a body that cannot be read rejects the first next(), not the call', async () => {
    const body = streamOf([toBytes('a\n')])
    body.getReader()
    const lines = readLines(body)
    await expect(lines.next()).rejects.toThrow()
  })
})

describe('after the end', () => {
  test('next() keeps answering done, called again and again by hand', async () => {
    const lines = readLines(streamOf([toBytes('a\nb\n')]))
    const seen: IteratorResult<string, void>[] = []
    for (let i = 0; i < 5; i++) seen.push(await lines.next())
    expect(seen.map((r) => r.value)).toStrictEqual(['a', 'b', undefined, undefined, undefined])
    expect(seen.map((r) => r.done)).toStrictEqual([false, false, true, true, true])
  })

  test('after a line past maxEventSize, next() rejects once, then answers done', async () => {
    const lines = readLines(streamOf([toBytes('ok\n' + 'x'.repeat(64))]), { maxEventSize: 16 })
    expect((await lines.next()).value).toBe('ok')
    const error = await lines.next().catch((e: unknown) => e)
    expect(isStreamError(error) && error.kind).toBe('parse')
    expect(await lines.next()).toStrictEqual({ value: undefined, done: true })
    expect(await lines.next()).toStrictEqual({ value: undefined, done: true })
  })
})

describe('against a model: random bodies, random calls (each awaited), as a generator answers', () => {
  type Call = 'next' | 'return' | 'throw'
  type Seen = { value?: unknown; done?: boolean } | { rejected: unknown }

  /** What a native async generator over `lines` answers, ending in `failure` if given. */
  function model(lines: string[], failure: boolean) {
    let at = 0
    let closed = false
    return (call: Call, thrown: Error): Seen => {
      if (call === 'throw') {
        closed = true
        return { rejected: thrown }
      }
      if (call === 'return' || closed) {
        closed = true
        return { value: undefined, done: true }
      }
      if (at < lines.length) return { value: lines[at++], done: false }
      closed = true
      return failure ? { rejected: 'network' } : { value: undefined, done: true }
    }
  }

  test('400 cases', async () => {
    const random = seededRandom(7)
    const pick = (n: number) => Math.floor(random() * n)
    for (let seed = 0; seed < 400; seed++) {
      const lines = Array.from({ length: pick(6) }, (_, i) => `line ${i} ${'é'.repeat(pick(4))}`)
      const bytes = toBytes(lines.map((line) => `${line}\n`).join(''))
      const cuts = [...new Set(Array.from({ length: pick(5) }, () => pick(bytes.length)))].sort(
        (a, b) => a - b,
      )
      const chunks = [0, ...cuts, bytes.length]
        .slice(1)
        .map((end, i, ends) => bytes.slice(i === 0 ? 0 : ends[i - 1], end))
        .filter((chunk) => chunk.length > 0)
      const failure = random() < 0.3
      const body = streamOf(chunks, failure ? new TypeError('socket hang up') : undefined)
      const calls: Call[] = Array.from({ length: lines.length + 3 }, () => {
        const r = random()
        return r < 0.85 ? 'next' : r < 0.93 ? 'return' : 'throw'
      })
      const expected = model(lines, failure)
      const iterator = readLines(body)
      const thrown = new Error('from the consumer')
      for (const [step, call] of calls.entries()) {
        const want = expected(call, thrown)
        const got = await (
          call === 'next'
            ? iterator.next()
            : call === 'return'
              ? iterator.return()
              : iterator.throw(thrown)
        ).then(
          (result): Seen => result,
          (error: unknown): Seen => ({
            rejected: isStreamError(error) ? error.kind : error,
          }),
        )
        expect(got, `case ${seed}, call ${step} (${calls.join(' ')})`).toStrictEqual(want)
      }
    }
  })
})
