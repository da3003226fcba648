// Figures of the browser bench: percentiles, growth exponent, cost against length.

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
  const xs = lengths.map(Math.log)
  const ys = costs.map((c) => Math.log(Math.max(c, 1e-4)))
  const mx = xs.reduce((a, b) => a + b) / xs.length
  const my = ys.reduce((a, b) => a + b) / ys.length
  let num = 0
  let den = 0
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my)
    den += (xs[i] - mx) ** 2
  }
  return num / den
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
