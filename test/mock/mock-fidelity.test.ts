import { describe, expect, it } from 'vitest'
import { createStream, decodeResponse } from 'rivulet/core'
import { mockStream } from 'rivulet/mock'

describe('mock fidelity', () => {
  it.each([
    ['openai-chat', 'x-request-id'],
    ['openai-responses', 'x-request-id'],
    ['anthropic', 'request-id'],
  ] as const)('%s sends its request id header %s', (format, header) => {
    expect(mockStream({ format, text: 'hi' }).headers.get(header)).toMatch(/^req_\w{24}$/)
    expect(mockStream({ format, text: 'hi', requestId: 'req_x' }).headers.get(header)).toBe('req_x')
    expect(mockStream({ format, text: 'hi', requestId: false }).headers.get(header)).toBeNull()
  })

  it.each(['flat', 'nested'] as const)(
    'sends the Responses error event %s, and rivulet reads it as a provider error',
    async (errorShape) => {
      const response = mockStream({
        format: 'openai-responses',
        text: 'one two',
        errorAfter: 1,
        errorShape,
        errorMessage: 'Overloaded',
      })
      const parts = []
      for await (const part of decodeResponse(response, 'openai-responses')) parts.push(part)
      const last = parts.at(-1)
      expect(last?.type).toBe('error')
      if (last?.type === 'error') {
        expect(last.error.kind).toBe('provider')
        expect(last.error.message).toContain('Overloaded')
      }
    },
  )

  it.each(['ttft', 'tokenDelay', 'jitter'] as const)(
    'refuses a %s longer than setTimeout can wait, with a clear message',
    (knob) => {
      expect(() => mockStream({ text: 'hi', [knob]: 2 ** 31 })).toThrow(
        new RegExp(`${knob}.*at most 2147483647 ms`),
      )
    },
  )

  it('answers a Last-Event-ID at the end with 204, which rivulet ends as done', async () => {
    const full = mockStream({ format: 'openai-chat', text: 'a b', eventIds: true })
    let lastId = ''
    for await (const part of decodeResponse(full, 'openai-chat', { onId: (id) => (lastId = id) }))
      void part
    const resumed = mockStream({
      format: 'openai-chat',
      text: 'a b',
      eventIds: true,
      lastEventId: lastId,
    })
    expect(resumed.status).toBe(204)
    const stream = createStream({ url: '/x', fetch: async () => resumed, format: 'openai-chat' })
    expect((await stream.start()).status).toBe('done')
    // An id this stream never sent starts over.
    const unknown = mockStream({
      format: 'openai-chat',
      text: 'a b',
      eventIds: true,
      lastEventId: '999',
    })
    expect(unknown.status).toBe(200)
    expect(await unknown.text()).toContain('"a"')
  })
})
