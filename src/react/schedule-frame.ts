/**
 * Runs `callback` before the next paint: `requestAnimationFrame` where it exists, else a 16 ms
 * timer (jsdom without `pretendToBeVisual`, React Native, workers). Returns a cancel function.
 * Touches no global until called, so importing it on a server is safe.
 */
export function scheduleFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(() => callback())
    return () => cancelAnimationFrame(id)
  }
  const id = setTimeout(callback, 16)
  return () => clearTimeout(id)
}

/** Runs `callback` after `ms` milliseconds. Returns a cancel function. */
export function scheduleAfter(ms: number, callback: () => void): () => void {
  const id = setTimeout(callback, ms)
  return () => clearTimeout(id)
}
