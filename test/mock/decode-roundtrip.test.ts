import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { decodeResponse, type StreamPart } from 'rivulet/core'
import { mockFormats, mockStream, type MockFormat, type MockStreamOptions } from 'rivulet/mock'

// Multi-byte characters of every length, a newline and a CRLF, so byte chunking cuts inside them.
const text = 'Héllo, wörld! 你好 👋🏽 line\nbreak\r\nand "quotes" \\ done.'
const tokens = (text.match(/\s*\S+|\s+/gu) ?? []) as string[]

// Formats whose decoder knows the terminator: a clean close before it is a truncation.
const hasTerminator: Record<MockFormat, boolean> = {
  'openai-chat': true,
  'openai-responses': true,
  anthropic: true,
  ollama: true,
  'sse-json': false,
  ndjson: false,
  text: false,
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/**
 * Decodes a mock response with rivulet/core while fake time runs. A body that stops sending
 * with no timer left (a hang) is aborted through the decoder's signal.
 */
async function decodeAll(options: MockStreamOptions) {
  const format = options.format as MockFormat
  const controller = new AbortController()
  const parts: StreamPart[] = []
  let done = false
  const consume = (async () => {
    for await (const part of decodeResponse(mockStream(options), format, {
      signal: controller.signal,
    })) {
      parts.push(part)
    }
    done = true
  })()
  for (let i = 0; i < 2000 && !done; i++) {
    await vi.advanceTimersByTimeAsync(5)
    if (!done && vi.getTimerCount() === 0 && i > 200) controller.abort()
  }
  await consume
  const decoded = parts
    .filter((p): p is { type: 'text'; text: string } => p.type === 'text')
    .map((p) => p.text)
    .join('')
  const last = parts.at(-1)
  return { parts, decoded, last }
}

const timing = { ttft: 40, tokenDelay: 15, jitter: 10, seed: 3 }
const chunkSizes = [1, 2, 3, 4, 5, 6, 7]

describe.each(mockFormats)('%s decoded by rivulet/core', (format) => {
  it.each(chunkSizes)(
    'gives back exactly the text with chunks of %i bytes under timing',
    async (size) => {
      const { decoded, last } = await decodeAll({ format, text, chunkSize: size, ...timing })
      expect(decoded).toBe(text)
      expect(last?.type).toBe('finish')
    },
  )

  it('gives back exactly the given tokens with random chunk sizes of 1–7 bytes', async () => {
    const { decoded, last } = await decodeAll({ format, tokens, chunkSize: [1, 7], ...timing })
    expect(decoded).toBe(text)
    expect(last?.type).toBe('finish')
  })

  const after = 4
  const prefix = tokens.slice(0, after).join('')
  // The mock stream with `fault` (and any other options), decoded in chunks of `size` bytes.
  const decodeFault = (size: number, fault: string, extra: Partial<MockStreamOptions> = {}) =>
    decodeAll({ format, text, chunkSize: size, ...timing, fault, ...extra })

  it.each(chunkSizes)('keeps the text before a drop (chunks of %i bytes)', async (size) => {
    const { decoded, last } = await decodeFault(size, `drop-after:${after}`)
    expect(decoded).toBe(prefix)
    if (hasTerminator[format]) {
      expect(last).toMatchObject({
        type: 'error',
        error: { kind: 'truncated', partialText: prefix },
      })
    } else {
      expect(last?.type).toBe('finish')
    }
  })

  it.each(chunkSizes)(
    'reports a network error after a reset (chunks of %i bytes)',
    async (size) => {
      const { decoded, last } = await decodeFault(size, `network-after:${after}`)
      expect(decoded).toBe(prefix)
      expect(last).toMatchObject({ type: 'error', error: { kind: 'network', partialText: prefix } })
    },
  )

  it.each(chunkSizes)(
    'keeps the text of a hung stream until it is aborted (chunks of %i bytes)',
    async (size) => {
      const { decoded, last } = await decodeFault(size, `hang-after:${after}`)
      expect(decoded).toBe(prefix)
      expect(last).toMatchObject({ type: 'error', error: { kind: 'aborted', partialText: prefix } })
    },
  )

  if (format !== 'text') {
    it.each(chunkSizes)(
      'reports a parse error for a malformed event (chunks of %i bytes)',
      async (size) => {
        const { decoded, last } = await decodeFault(size, `malformed-after:${after}`)
        expect(decoded).toBe(prefix)
        expect(last).toMatchObject({ type: 'error', error: { kind: 'parse', partialText: prefix } })
      },
    )

    it.each(chunkSizes)('reports the provider error event (chunks of %i bytes)', async (size) => {
      const { decoded, last } = await decodeFault(size, `provider-error-after:${after}`, {
        errorMessage: 'The model is overloaded',
      })
      expect(decoded).toBe(prefix)
      expect(last).toMatchObject({
        type: 'error',
        error: {
          kind: 'provider',
          partialText: prefix,
          message: expect.stringContaining('The model is overloaded'),
        },
      })
    })
  }
})

describe.each(['openai-chat', 'openai-responses', 'anthropic', 'sse-json'] as const)(
  '%s resumed by Last-Event-ID',
  (format) => {
    // Both requests get the same numbered, chunked stream; only the fault and the resume differ.
    const withIds = { format, text, eventIds: true, chunkSize: [1, 7], seed: 9 } as const
    it('gives back the whole text from a dropped stream and its resumption', async () => {
      vi.useRealTimers()
      let lastId = ''
      const first: string[] = []
      let firstLast: StreamPart | undefined
      for await (const part of decodeResponse(
        mockStream({ ...withIds, fault: 'drop-after:5' }),
        format,
        { onId: (id) => (lastId = id) },
      )) {
        if (part.type === 'text') first.push(part.text)
        firstLast = part
      }
      expect(first.join('')).toBe(tokens.slice(0, 5).join(''))
      if (format !== 'sse-json') expect(firstLast).toMatchObject({ error: { kind: 'truncated' } })
      const second: string[] = []
      for await (const part of decodeResponse(
        mockStream({ ...withIds, lastEventId: lastId }),
        format,
      )) {
        if (part.type === 'text') second.push(part.text)
        firstLast = part
      }
      expect(first.join('') + second.join('')).toBe(text)
      expect(firstLast?.type).toBe('finish')
    })
  },
)

describe.each(mockFormats)('%s recognised by format auto', (format) => {
  it('is detected from its content type and first message and decoded to the exact text', async () => {
    vi.useRealTimers()
    let decoded = ''
    let last: StreamPart | undefined
    for await (const part of decodeResponse(mockStream({ format, text, chunkSize: 3 }))) {
      if (part.type === 'text') decoded += part.text
      last = part
    }
    expect(decoded).toBe(text)
    expect(last?.type).toBe('finish')
  })
})
