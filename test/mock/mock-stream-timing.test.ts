import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockStream } from 'rivulet/mock'
import { readAll } from './read-all.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Reads the body while fake time runs, noting the fake time each chunk arrived. */
async function arrivals(response: Response, step = 1, limit = 10_000) {
  const reader = response.body!.getReader()
  const start = Date.now()
  const seen: { at: number; bytes: number }[] = []
  let done = false
  const pump = (async () => {
    for (;;) {
      const result = await reader.read()
      if (result.done) break
      seen.push({ at: Date.now() - start, bytes: result.value.length })
    }
    done = true
  })()
  for (let t = 0; t <= limit && !done; t += step) await vi.advanceTimersByTimeAsync(step)
  await pump
  return seen
}

describe('mockStream timing', () => {
  it('sends the head at once, the first token after ttft and each next token after tokenDelay', async () => {
    const response = mockStream({ format: 'anthropic', text: 'a b c', ttft: 100, tokenDelay: 20 })
    const seen = await arrivals(response)
    // [message_start, content_block_start, ping] | delta | delta | [delta, stop, message_delta, message_stop]
    expect(seen.map((s) => s.at)).toEqual([0, 100, 120, 140])
  })

  it('repeats the same delays and chunk sizes for the same seed', async () => {
    const options = {
      format: 'openai-chat' as const,
      text: 'The same seed gives the same run',
      tokenDelay: 30,
      jitter: 20,
      chunkSize: [1, 7] as const,
      seed: 42,
      now: 0,
    }
    const first = await arrivals(mockStream(options))
    const second = await arrivals(mockStream(options))
    expect(second).toEqual(first)
    expect(first.every((s) => s.bytes >= 1 && s.bytes <= 7)).toBe(true)
    const gaps = new Set(first.map((s, i) => s.at - (first[i - 1]?.at ?? 0)).filter((g) => g > 0))
    expect(gaps.size).toBeGreaterThan(1) // jitter varies the gaps
    const other = await arrivals(mockStream({ ...options, seed: 7 }))
    expect(other).not.toEqual(first)
  })

  it('splits events into chunks of chunkSize bytes, cutting inside UTF-8 characters', async () => {
    const response = mockStream({ format: 'text', text: 'héllo 👋', chunkSize: 3 })
    const { chunks, text } = await readAll(response)
    expect(text).toBe('héllo 👋')
    expect(chunks.every((c) => c.length <= 3)).toBe(true)
    const fatal = new TextDecoder('utf-8', { fatal: true })
    expect(
      chunks.some((c) =>
        (() => {
          try {
            fatal.decode(c)
            return false
          } catch {
            return true
          }
        })(),
      ),
    ).toBe(true)
  })

  it('stops its timers when the reader cancels the body', async () => {
    const response = mockStream({ format: 'sse-json', text: 'one two three four', tokenDelay: 50 })
    const reader = response.body!.getReader()
    await vi.advanceTimersByTimeAsync(0)
    await reader.read()
    expect(vi.getTimerCount()).toBe(1)
    await reader.cancel()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('stops and errors the body when the signal aborts', async () => {
    const controller = new AbortController()
    const response = mockStream({
      format: 'ndjson',
      text: 'one two three',
      tokenDelay: 50,
      signal: controller.signal,
    })
    const reader = response.body!.getReader()
    await vi.advanceTimersByTimeAsync(0)
    await reader.read()
    controller.abort()
    expect(vi.getTimerCount()).toBe(0)
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('mockStream faults', () => {
  it('closes cleanly without the terminator for drop-after', async () => {
    const { text } = await readAll(
      mockStream({ format: 'openai-chat', text: 'a b c d', fault: 'drop-after:2' }),
    )
    expect(text).not.toContain('[DONE]')
    expect(text).toContain('"content":" b"')
    expect(text).not.toContain('"content":" c"')
  })

  it('errors the body for network-after', async () => {
    const response = mockStream({
      format: 'ollama',
      text: 'a b c',
      fault: { type: 'network', after: 1 },
    })
    await expect(readAll(response)).rejects.toThrow('network error')
  })

  it('keeps the body open with no timer for hang-after until it is cancelled', async () => {
    const response = mockStream({
      format: 'anthropic',
      text: 'a b c',
      ttft: 10,
      tokenDelay: 10,
      fault: 'hang-after:1',
    })
    const reader = response.body!.getReader()
    let reads = 0
    const pending = (async () => {
      for (;;) {
        const { done } = await reader.read()
        if (done) return
        reads++
      }
    })()
    await vi.advanceTimersByTimeAsync(1000)
    expect(reads).toBe(2) // the head events together, then one token
    expect(vi.getTimerCount()).toBe(0)
    await reader.cancel()
    await pending
  })

  it('answers the provider error event for provider-error-after and closes', async () => {
    const { text } = await readAll(
      mockStream({
        format: 'anthropic',
        text: 'a b c',
        fault: 'provider-error-after:1',
        errorMessage: 'Overloaded',
      }),
    )
    expect(text).toContain(
      'event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n',
    )
    expect(text).not.toContain('message_stop')
  })

  it('inserts one event that is not valid JSON for malformed-after and goes on', async () => {
    const { text } = await readAll(
      mockStream({ format: 'sse-json', text: 'a b', fault: 'malformed-after:1' }),
    )
    expect(text).toBe('data: {"text":"a"}\n\ndata: {"text": "\n\ndata: {"text":" b"}\n\n')
  })
})

describe('mockStream options', () => {
  it.each([
    [{ text: 'x', tokenDelay: -1 }, 'mockStream: tokenDelay must be a non-negative number, got -1'],
    [{ text: 'x', ttft: Number.NaN }, 'mockStream: ttft must be a non-negative number, got NaN'],
    [{ text: 'x', chunkSize: 0 }, 'mockStream: chunkSize must be a positive integer, got 0'],
    [{ text: 'x', chunkSize: [5, 2] }, 'mockStream: chunkSize must be [min, max] with min <= max'],
    [{ text: 'x', format: 'openai' }, "mockStream: format must be one of 'openai-chat'"],
    [
      { text: 'x', status: 99 },
      'mockStream: status must be an HTTP status from 200 to 599, got 99',
    ],
    [{ text: 'x', fault: 'explode' }, 'mockStream: fault must be one of drop-after:N'],
    [
      { text: 'x', fault: { type: 'drop', after: -2 } },
      'mockStream: fault.after must be a non-negative integer, got -2',
    ],
    [
      { text: 'x', format: 'text', fault: 'malformed-after:1' },
      "fault 'malformed' needs a format with events",
    ],
    [{ text: 'x', format: 'ollama', eventIds: true }, 'mockStream: eventIds needs an SSE format'],
    [{}, 'mockStream: text (or tokens) is required'],
    [
      { text: 'x', dropAfter: 1.5 },
      'mockStream: dropAfter must be a non-negative integer, got 1.5',
    ],
    [
      { text: 'x', errorAfter: 1, fault: 'hang-after:1' },
      'mockStream: give one of fault, dropAfter, errorAfter',
    ],
    [{ text: 'x', tokens: ['x'] }, 'mockStream: give either text or tokens, not both'],
  ])('throws a clear error naming the option for %o', (options, message) => {
    expect(() => mockStream(options as never)).toThrow(message)
  })
})
