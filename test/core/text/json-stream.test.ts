import { expect, test } from 'vitest'
import { createJsonParser, parsePartialJson } from 'rivulet/core'

// Documents whose arrays grow at several depths, so a read falls between every kind of write:
// an append to an open array, a value growing inside one, a container opening or closing.
const docs = [
  [[1, 2], [[3], [4, [5, 6]]], [], 7, 'eight', [{ n: 9 }, { n: 10, m: [11, 12] }]],
  {
    list: [
      { id: 1, tags: ['a', 'b'] },
      { id: 2, tags: [] },
    ],
    s: 'x"y\\z',
    deep: [[[[13]]]],
  },
  [null, true, false, -1.5e3, '', {}, [], [[]], { a: [] }],
].map((value) => JSON.stringify(value))

/** Every closed array and object inside `value` (not the value itself), by path. */
function containers(value: unknown, path = '', out = new Map<string, object>()) {
  if (typeof value !== 'object' || value === null) return out
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === 'object' && child !== null) {
      out.set(`${path}/${key}`, child)
      containers(child, `${path}/${key}`, out)
    }
  }
  return out
}

test.each(docs)(
  'read after every piece: each value equals a fresh parse of its prefix and never changes (%s)',
  (doc) => {
    for (const size of [1, 2, 3, 5]) {
      const parser = createJsonParser()
      const handed: { value: unknown; json: string }[] = []
      for (let i = 0; i < doc.length; i += size) {
        parser.push(doc.slice(i, i + size))
        const value = parser.value
        expect(value).toEqual(parsePartialJson(doc.slice(0, i + size)).value)
        handed.push({ value, json: JSON.stringify(value) })
      }
      for (const { value, json } of handed) expect(JSON.stringify(value)).toBe(json)
      expect(handed.at(-1)!.value).toEqual(JSON.parse(doc))
    }
  },
)

test.each(docs)('a container that closed is the same object in every later value (%s)', (doc) => {
  const parser = createJsonParser()
  let before: unknown
  for (let i = 0; i < doc.length; i++) {
    parser.push(doc[i]!)
    const value = parser.value
    // What the fresh parse of the prefix closes is closed: it must be shared, not copied.
    const closed = parsePartialJson(doc.slice(0, i + 1))
    const old = containers(before)
    for (const [path, child] of containers(value)) {
      const was = old.get(path)
      if (was && isClosed(doc, i + 1, path, closed.value)) expect(child).toBe(was)
    }
    before = value
  }
})

/**
 * True when the container at `path` is closed after `length` characters of `doc`: it is not
 * on the path to the end (the last key or index at each level leads to the open value).
 */
function isClosed(doc: string, length: number, path: string, value: unknown): boolean {
  const keys = path.split('/').slice(1)
  let node: unknown = value
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) return true
    const entries = Object.keys(node)
    if (entries.at(-1) !== key) return true
    node = (node as Record<string, unknown>)[key]
  }
  // On the open path: closed only if the text closed it already (the whole doc, or its end).
  return length === doc.length
}
