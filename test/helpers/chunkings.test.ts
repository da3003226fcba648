import { describe, expect, test } from 'vitest'
import { chunkings, toBytes } from './chunkings.ts'

// The wire tests are only as strong as the chunkings they run under: check the helper.
describe('the chunkings every wire test runs under', () => {
  const join = (chunks: Uint8Array[]) => new Uint8Array(chunks.flatMap((chunk) => [...chunk]))

  test('all rebuild the transcript, and include whole, byte by byte and random cuts', () => {
    const bytes = toBytes('\uFEFFdata: é\r\n\r\n')
    const list = chunkings(bytes)
    for (const { chunks } of list) expect(join(chunks)).toEqual(bytes)
    const names = list.map((chunking) => chunking.name)
    expect(names).toContain('whole')
    expect(names).toContain('byte by byte')
    expect(names.filter((name) => name.startsWith('random cuts'))).toHaveLength(20)
    expect(list.find((c) => c.name === 'byte by byte')?.chunks).toHaveLength(bytes.length)
  })

  test('split inside the BOM, inside a multi-byte character and inside CRLF', () => {
    const bytes = toBytes('\uFEFFdata: é\r\n\r\n')
    const firstCuts = chunkings(bytes)
      .filter((chunking) => chunking.name.startsWith('split at byte'))
      .map((chunking) => chunking.chunks[0]!.length)
    // BOM = bytes 0..2, "é" = bytes 9..10, the first CRLF = bytes 11..12.
    expect(firstCuts).toEqual(expect.arrayContaining([1, 2, 10, 12]))
    expect(firstCuts).toHaveLength(bytes.length - 1)
  })

  test('random cuts are the same for the same seed and differ for another', () => {
    const names = (seed: number) => chunkings('x'.repeat(50), { seed }).map((c) => c.name)
    expect(names(7)).toEqual(names(7))
    expect(names(7)).not.toEqual(names(8))
  })
})
