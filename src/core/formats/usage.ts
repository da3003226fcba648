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
