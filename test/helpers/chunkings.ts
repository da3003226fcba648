import { expect } from 'vitest'

/** One way of cutting a transcript into the chunks a body delivers. */
export interface Chunking {
  name: string
  chunks: Uint8Array[]
}

/** Which chunkings `chunkings()` adds besides the fixed ones. */
export interface ChunkingOptions {
  /** How many seeded random chunkings to add. @defaultValue 20 */
  random?: number
  /** Seed of the random cuts, so a failure can be replayed. @defaultValue 1 */
  seed?: number
}

/** mulberry32: small, seedable, good enough to place cuts (and to draw test cases). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [0, ...at, bytes.length]
  return points.slice(1).map((end, i) => bytes.slice(points[i], end))
}

/** The bytes of a transcript: strings are UTF-8 encoded as they are (a BOM stays). */
export function toBytes(transcript: string | Uint8Array): Uint8Array {
  return typeof transcript === 'string' ? new TextEncoder().encode(transcript) : transcript
}

/**
 * Every chunking of a transcript a test must survive: whole; every two-piece split (so
 * inside CRLF, inside each multi-byte UTF-8 character and inside a BOM); one byte at a time;
 * line by line; and seeded random cuts.
 */
export function chunkings(
  transcript: string | Uint8Array,
  options: ChunkingOptions = {},
): Chunking[] {
  const bytes = toBytes(transcript)
  const list: Chunking[] = [{ name: 'whole', chunks: [bytes] }]
  for (let at = 1; at < bytes.length; at++) {
    list.push({ name: `split at byte ${at}`, chunks: cut(bytes, [at]) })
  }
  if (bytes.length > 1) {
    list.push({ name: 'byte by byte', chunks: cut(bytes, [...bytes.keys()].slice(1)) })
  }
  const newlines = [...bytes.keys()].filter((i) => bytes[i] === 10 && i + 1 < bytes.length)
  if (newlines.length > 0) {
    list.push({
      name: 'line by line',
      chunks: cut(
        bytes,
        newlines.map((i) => i + 1),
      ),
    })
  }
  const next = seededRandom(options.seed ?? 1)
  const count = options.random ?? 20
  for (let n = 0; n < count && bytes.length > 2; n++) {
    const cuts = new Set<number>()
    const wanted = 1 + Math.floor(next() * Math.min(bytes.length - 1, 12))
    while (cuts.size < wanted) cuts.add(1 + Math.floor(next() * (bytes.length - 1)))
    const at = [...cuts].sort((a, b) => a - b)
    list.push({ name: `random cuts at ${at.join(',')}`, chunks: cut(bytes, at) })
  }
  return list
}

/** A body that delivers exactly these chunks, one per read, then ends (or fails). */
export function streamOf(chunks: Uint8Array[], failWith?: unknown): ReadableStream<Uint8Array> {
  let index = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[index++]
        if (chunk) controller.enqueue(chunk.slice())
        else if (failWith !== undefined) controller.error(failWith)
        else controller.close()
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * Runs `run` on a fresh body for every chunking of the transcript and returns the whole
 * transcript's result, after checking that every other chunking gave an equal one.
 */
export async function sameUnderEveryChunking<T>(
  transcript: string | Uint8Array,
  run: (body: ReadableStream<Uint8Array>) => Promise<T>,
  options: ChunkingOptions & { failWith?: unknown } = {},
): Promise<T> {
  const [whole, ...rest] = chunkings(transcript, options)
  const expected = await run(streamOf(whole!.chunks, options.failWith))
  for (const chunking of rest) {
    const actual = await run(streamOf(chunking.chunks, options.failWith))
    expect(actual, `chunking: ${chunking.name}`).toStrictEqual(expected)
  }
  return expected
}
