import type { Usage } from '../parts.ts'

/**
 * Builds a `Usage` from the counts a provider sent, leaving out the ones it did not send;
 * `totalTokens` is input + output when the provider gives both but no total. Undefined
 * when nothing was sent.
 */
export function makeUsage(counts: Usage): Usage | undefined {
  const usage: Usage = {}
  for (const key of Object.keys(counts) as (keyof Usage)[]) {
    const value = counts[key]
    if (value !== undefined) usage[key] = value
  }
  if (
    usage.totalTokens === undefined &&
    usage.inputTokens !== undefined &&
    usage.outputTokens !== undefined
  ) {
    usage.totalTokens = usage.inputTokens + usage.outputTokens
  }
  return Object.keys(usage).length > 0 ? usage : undefined
}

/** Later counts override earlier ones (Anthropic sends input first, output at the end). */
export function mergeUsage(
  earlier: Usage | undefined,
  later: Usage | undefined,
): Usage | undefined {
  if (!earlier) return later
  if (!later) return earlier
  const merged = { ...earlier, ...later }
  // A total computed from the earlier half is stale once the other half arrives.
  if (earlier.totalTokens !== undefined && later.totalTokens === undefined)
    delete merged.totalTokens
  return makeUsage(merged)
}
