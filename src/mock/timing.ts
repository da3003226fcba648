/** A source of numbers in [0, 1): `Math.random` or a seeded generator. */
export type Random = () => number

/**
 * A small seeded generator (mulberry32): the same seed gives the same delays, chunk sizes
 * and ids, so a run with timing and faults can be reproduced exactly.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A delay in ms around `base`, spread uniformly by ±`jitter` and never below 0. */
export function jittered(base: number, jitter: number, random: Random): number {
  if (jitter <= 0) return base
  return Math.max(0, base + (random() * 2 - 1) * jitter)
}

/** An integer in [min, max], inclusive. */
export function randomInt(min: number, max: number, random: Random): number {
  return min + Math.floor(random() * (max - min + 1))
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `length` characters from `chars`, drawn from `random` (provider-style ids). */
export function randomId(length: number, random: Random, chars = alphabet): string {
  let id = ''
  for (let i = 0; i < length; i++) id += chars[Math.floor(random() * chars.length)]
  return id
}

/**
 * Splits text into token-like pieces that join back to exactly the text: each piece is a
 * run of whitespace followed by a word (` world`), the way LLM tokenizers usually attach a
 * space to the word after it. Trailing whitespace is its own piece.
 */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+/gu) ?? []
}
