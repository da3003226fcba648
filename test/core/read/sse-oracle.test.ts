import { describe, expect, test } from 'vitest'
import { toBytes } from '../../helpers/chunkings.ts'
import { readSSEEvery } from '../../helpers/expect-messages.ts'
import { referenceSSE } from '../../helpers/reference-sse.ts'

// Lines a server (or a broken proxy) may send, including the awkward ones.
const lines = [
  'data: x',
  'data:y',
  'data:  two spaces',
  'data:',
  'data',
  'data: é世👋',
  'event: add',
  'event:',
  'event',
  'id: 1',
  'id: 42',
  'id:',
  'id',
  'id: a\u0000b',
  'retry: 1500',
  'retry: 0',
  'retry: 1.5',
  'retry:',
  'retry: 10 ',
  ': comment',
  ':',
  'unknown: z',
  'Data: capital',
  ' data: leading space',
  '\uFEFFdata: inner BOM',
  'data: ï»¿',
  'data: [DONE]',
]
const ends = ['\n', '\r', '\r\n']

function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 4294967296
  }
}

function transcript(seed: number): string {
  const next = random(seed)
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T
  let text = next() < 0.2 ? '\uFEFF' : ''
  const count = 1 + Math.floor(next() * 10)
  for (let i = 0; i < count; i++) {
    text += next() < 0.3 ? pick(ends) : `${pick(lines)}${pick(ends)}`
  }
  // Sometimes the body stops inside a block or inside a line.
  const tail = next()
  if (tail < 0.2) text += pick(lines)
  else if (tail < 0.6) text += pick(ends)
  return text
}

describe('readSSE against a literal reading of the WHATWG algorithm', () => {
  test.each(Array.from({ length: 150 }, (_, seed) => [seed]))(
    'random stream #%i gives the oracle’s messages, ids and retries under every chunking',
    async (seed) => {
      const text = transcript(seed)
      const log = await readSSEEvery(text, { random: 4, seed })
      expect(log).toStrictEqual(referenceSSE(toBytes(text)))
    },
  )
})
