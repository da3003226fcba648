import { describe, expect, test } from 'vitest'
import { createJsonParser, parsePartialJson } from 'rivulet/core'

describe('parsePartialJson', () => {
  test.each([
    ['{"a":1}', { a: 1 }],
    [' [1, 2.5, -3e2, true, false, null] ', [1, 2.5, -300, true, false, null]],
    ['"h\\u00e9\\n\\"x\\""', 'hé\n"x"'],
    ['"\\ud83d\\ude00"', '😀'],
    ['42', 42],
    ['{"a":{"b":[{"c":"d"}]},"e":""}', { a: { b: [{ c: 'd' }] }, e: '' }],
  ])('a whole value is complete and equals JSON.parse: %s', (text, value) => {
    expect(parsePartialJson(text)).toEqual({ value, state: 'complete' })
    expect(parsePartialJson(text).value).toEqual(JSON.parse(text))
  })

  test.each([
    ['', undefined],
    ['{', {}],
    ['{"na', {}],
    ['{"name"', {}],
    ['{"name":', {}],
    ['{"name":"Ad', { name: 'Ad' }],
    ['{"name":"Ada","tags":["x","y', { name: 'Ada', tags: ['x', 'y'] }],
    ['{"n":12.', { n: 12 }],
    ['{"n":-', {}],
    ['{"n":1e', { n: 1 }],
    ['[tr', [true]],
    ['[nul', [null]],
    ['"abc\\', 'abc'],
    ['"abc\\u00', 'abc'],
    ['[1,', [1]],
    ['{"a":1,', { a: 1 }],
  ])('a valid prefix is partial with its best reading: %s', (text, value) => {
    expect(parsePartialJson(text)).toEqual({ value, state: 'partial' })
  })

  test.each([
    '{a:1}',
    '[1,]x',
    '{"a" 1}',
    '01',
    '[1 2]',
    '{"a":1}}',
    'tru e',
    '"a\nb"',
    '[-]',
    '{"a":1.}',
    '1 2',
  ])('text that is no JSON prefix is invalid: %j', (text) => {
    expect(parsePartialJson(text)).toEqual({ value: undefined, state: 'invalid' })
    expect(() => JSON.parse(text)).toThrow()
  })

  test('every prefix of a document is partial or complete and grows towards the value', () => {
    const doc = JSON.stringify({
      title: 'Ünïcode 😀',
      items: [1, -2.5e3, { ok: true, none: null }],
      s: 'a"b\\c',
    })
    for (let i = 0; i < doc.length; i++) {
      expect(parsePartialJson(doc.slice(0, i)).state).toBe('partial')
    }
    expect(parsePartialJson(doc)).toEqual({ value: JSON.parse(doc), state: 'complete' })
  })

  test('a streaming parser fed piece by piece ends with the same value as one parse', () => {
    const doc = JSON.stringify({ a: ['x', 'yy', 3.25, false], b: { c: 'd\u00e9\n' } })
    for (const size of [1, 2, 3, 7]) {
      const parser = createJsonParser()
      for (let i = 0; i < doc.length; i += size) parser.push(doc.slice(i, i + size))
      expect(parser.value).toEqual(JSON.parse(doc))
      expect(parser.state(true)).toBe('complete')
    }
  })

  test('a top-level number is only complete once the input has ended', () => {
    const parser = createJsonParser()
    parser.push('12')
    expect(parser.state()).toBe('partial')
    expect(parser.state(true)).toBe('complete')
  })
})

test('a value handed out by the streaming parser never changes afterwards', () => {
  const parser = createJsonParser()
  const seen: { value: unknown; json: string }[] = []
  for (const piece of ['{"a":[1,', '{"b":"x', 'y"},', '3],"c":{"d":', 'true}', '}']) {
    parser.push(piece)
    const value = parser.value
    seen.push({ value, json: JSON.stringify(value) })
  }
  for (const { value, json } of seen) expect(JSON.stringify(value)).toBe(json)
  expect(seen.at(-1)!.value).toEqual({ a: [1, { b: 'xy' }, 3], c: { d: true } })
  expect(seen[0]!.value).not.toBe(seen[1]!.value)
})

test('deep nesting is parsed without recursion', () => {
  const depth = 100_000
  const text = '['.repeat(depth) + ']'.repeat(depth)
  expect(parsePartialJson(text).state).toBe('complete')
  expect(parsePartialJson('['.repeat(depth)).state).toBe('partial')
})
