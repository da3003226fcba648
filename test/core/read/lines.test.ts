import { describe, expect, test } from 'vitest'
import { isStreamError, readLines } from 'rivulet/core'
import { streamOf, toBytes } from '../../helpers/chunkings.ts'
import { readLinesEvery } from '../../helpers/expect-messages.ts'

describe('readLines', () => {
  test('splits at LF and drops a CR before it', async () => {
    expect(await readLinesEvery('{"a":1}\n{"b":2}\r\n{"c":3}\n')).toStrictEqual([
      '{"a":1}',
      '{"b":2}',
      '{"c":3}',
    ])
  })

  test('counts a last line without a newline', async () => {
    expect(await readLinesEvery('one\ntwo')).toStrictEqual(['one', 'two'])
    expect(await readLinesEvery('one\r\ntwo\r')).toStrictEqual(['one', 'two'])
  })

  test('skips empty and whitespace-only lines', async () => {
    expect(await readLinesEvery('\n\na\n\r\n  \nb\n\n')).toStrictEqual(['a', 'b'])
  })

  test('keeps a CR inside a line, which is not a line end here', async () => {
    expect(await readLinesEvery('a\rb\n')).toStrictEqual(['a\rb'])
  })

  test('strips a leading BOM and decodes multi-byte characters split anywhere', async () => {
    expect(await readLinesEvery('\uFEFF{"t":"世界 👋"}\n{"t":"é"}')).toStrictEqual([
      '{"t":"世界 👋"}',
      '{"t":"é"}',
    ])
  })

  test('a failing body throws a network StreamError after the complete lines', async () => {
    const seen: string[] = []
    const body = streamOf([toBytes('a\nb')], new TypeError('reset'))
    const error = await (async () => {
      for await (const line of readLines(body)) seen.push(line)
    })().catch((e: unknown) => e)
    expect(seen).toStrictEqual(['a'])
    expect(isStreamError(error) && error.kind).toBe('network')
  })

  test('aborting ends the iteration at once, without throwing', async () => {
    const controller = new AbortController()
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(toBytes('a\nb\n'))
      },
    })
    const seen: string[] = []
    for await (const line of readLines(body, controller)) {
      seen.push(line)
      controller.abort()
    }
    expect(seen).toStrictEqual(['a'])
  })
})
