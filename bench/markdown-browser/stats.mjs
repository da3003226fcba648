// Figures of the browser bench: percentiles, growth exponent, cost against length.

import { growthExponent as growthOf } from '../helpers.mjs'

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

/** count, p50, p95, max, mean and sum (ms) of per-update times. */
export function summarize(times) {
  const sorted = [...times].sort((a, b) => a - b)
  const sum = times.reduce((a, b) => a + b, 0)
  return {
    count: times.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted.at(-1),
    mean: sum / (times.length || 1),
    sum,
  }
}

/** Least-squares slope of log(cost) against log(length): 0 = flat, 1 = linear, 2 = quadratic. */
export function growthExponent(lengths, costs) {
  // Costs are floored at 0.1 µs: a bucket too fast for the timer would otherwise be log(0).
  return growthOf(lengths.map((n, i) => ({ n, time: Math.max(costs[i], 1e-4) })))
}

/** Median per-update time in buckets of `width` characters: [[bucket end, ms], ...]. */
export function bucketMedians(times, lengths, width) {
  const buckets = new Map()
  times.forEach((time, i) => {
    const key = Math.ceil(lengths[i] / width) * width
    if (!buckets.has(key)) buckets.set(key, [])
    buckets.get(key).push(time)
  })
  return [...buckets].map(([key, list]) => {
    list.sort((a, b) => a - b)
    return [key, Number(list[Math.floor(list.length / 2)].toFixed(4))]
  })
}
