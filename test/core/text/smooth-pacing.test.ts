import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createSmoother } from 'rivulet/core'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function recorder() {
  const out: { text: string; at: number }[] = []
  const t0 = Date.now()
  return {
    out,
    release: (text: string) => out.push({ text, at: Date.now() - t0 }),
    text: () => out.map((o) => o.text).join(''),
  }
}

describe('createSmoother', () => {
  test('releases whole words one step at a time', () => {
    const r = recorder()
    const s = createSmoother({ chunking: 'word', delay: 10, maxLag: 1000 }, r.release)
    s.push('one two three ')
    expect(r.text()).toBe('one ')
    vi.advanceTimersByTime(10)
    expect(r.text()).toBe('one two ')
    vi.advanceTimersByTime(10)
    expect(r.text()).toBe('one two three ')
    expect(s.pending).toBe(0)
  })

  test('releases single characters and never splits a surrogate pair', () => {
    const r = recorder()
    const s = createSmoother({ chunking: 'char', delay: 5, maxLag: 1000 }, r.release)
    s.push('a😀b')
    vi.advanceTimersByTime(50)
    expect(r.out.map((o) => o.text)).toEqual(['a', '😀', 'b'])
  })

  test('Chinese and Japanese text goes out a character at a time in word mode, without waiting', () => {
    const r = recorder()
    const s = createSmoother({ chunking: 'word', delay: 10, maxLag: 1000 }, r.release)
    s.push('你好，世界。こんにちは')
    vi.advanceTimersByTime(30)
    expect(r.out.map((o) => o.text)).toEqual(['你', '好', '，', '世'])
    vi.advanceTimersByTime(1000)
    expect(r.text()).toBe('你好，世界。こんにちは')
  })

  test('a Latin word next to a CJK character ends there; its trailing space stays with it', () => {
    const r = recorder()
    const s = createSmoother({ chunking: 'word', delay: 10, maxLag: 1000 }, r.release)
    s.push('GPT 模型 ok')
    vi.advanceTimersByTime(100)
    expect(r.out.map((o) => o.text)).toEqual(['GPT ', '模', '型 '])
    // 'ok' may go on in the next token: it waits until it is overdue
    vi.advanceTimersByTime(1000)
    expect(r.out.map((o) => o.text)).toEqual(['GPT ', '模', '型 ', 'ok'])
  })

  test('an open word waits for its end until it is overdue', () => {
    const r = recorder()
    const s = createSmoother({ chunking: 'word', delay: 10, maxLag: 100 }, r.release)
    s.push('hel')
    expect(r.text()).toBe('')
    vi.advanceTimersByTime(50)
    expect(r.text()).toBe('')
    vi.advanceTimersByTime(50)
    expect(r.text()).toBe('hel')
  })

  test('a burst is released faster so no text waits longer than maxLag', () => {
    const r = recorder()
    const s = createSmoother({ chunking: 'char', delay: 10, maxLag: 200 }, r.release)
    const burst = 'x'.repeat(2000)
    s.push(burst)
    vi.advanceTimersByTime(200)
    expect(r.text()).toBe(burst)
    for (const o of r.out) expect(o.at).toBeLessThanOrEqual(200)
  })

  test('under steady arrival the lag stays bounded by maxLag', () => {
    const r = recorder()
    const s = createSmoother({ chunking: 'word', delay: 20, maxLag: 300 }, r.release)
    const arrivals: number[] = []
    let sent = ''
    for (let i = 0; i < 200; i++) {
      const word = `w${i} `.repeat(3)
      sent += word
      arrivals.push(sent.length)
      s.push(word)
      vi.advanceTimersByTime(5)
    }
    vi.advanceTimersByTime(1000)
    expect(r.text()).toBe(sent)
    // paced: one release per `delay` step (1000 ms / 20 ms), not one per arrival (200)
    expect(r.out.length).toBeGreaterThanOrEqual(50)
    expect(r.out.length).toBeLessThan(200)
    // the end of the k-th push (sent at k*5 ms) must be out by k*5 + maxLag
    arrivals.forEach((end, k) => {
      const idx = r.out.findIndex((_, j) => sumTo(r.out, j) >= end)
      expect(r.out[idx]!.at - k * 5).toBeLessThanOrEqual(300)
    })
  })

  test('text arriving within delay of a release waits for the next step', () => {
    const r = recorder()
    const s = createSmoother({ chunking: 'word', delay: 20, maxLag: 1000 }, r.release)
    s.push('one ')
    expect(r.text()).toBe('one ')
    vi.advanceTimersByTime(5)
    s.push('two ')
    expect(r.text()).toBe('one ')
    vi.advanceTimersByTime(15)
    expect(r.out).toEqual([
      { text: 'one ', at: 0 },
      { text: 'two ', at: 20 },
    ])
    // after a quiet step the clock stops, and the next text shows at once again
    vi.advanceTimersByTime(100)
    s.push('three ')
    expect(r.text()).toBe('one two three ')
  })

  test('flush hands back everything held and stops the clock', () => {
    const r = recorder()
    const s = createSmoother({ chunking: 'word', delay: 10, maxLag: 1000 }, r.release)
    s.push('a b c d')
    expect(r.text()).toBe('a ')
    expect(s.flush()).toBe('b c d')
    vi.advanceTimersByTime(1000)
    expect(r.text()).toBe('a ')
  })
})

function sumTo(out: { text: string }[], j: number): number {
  let n = 0
  for (let i = 0; i <= j; i++) n += out[i]!.text.length
  return n
}
