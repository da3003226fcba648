import { readFileSync } from 'node:fs'

/** The bytes of a wire transcript under test/fixtures/wire. */
export function wireFixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/wire/${path}`, import.meta.url)))
}
