import { describe, expect, it } from 'vitest'
import { decodeResponse } from 'rivulet/core'
import { mockFormats, mockStream } from 'rivulet/mock'
import { tokensOf } from './harness.ts'

const text = 'Alpha beta gamma delta epsilon.'

async function readUntilError(response: Response, format: (typeof mockFormats)[number]) {
  let got = ''
  let failure: unknown
  try {
    for await (const part of decodeResponse(response, format)) {
      if (part.type === 'text') got += part.text
      if (part.type === 'error') failure = part.error
    }
  } catch (error) {
    failure = error
  }
  return { got, failure }
}

describe('mockStream network fault', () => {
  it.each(mockFormats)(
    '%s: the tokens written before the reset reach the reader, even with no delays',
    async (format) => {
      for (const after of [0, 1, 3]) {
        const { got, failure } = await readUntilError(
          mockStream({ format, text, fault: { type: 'network', after } }),
          format,
        )
        expect(got).toBe(tokensOf(text).slice(0, after).join(''))
        expect(failure).toBeDefined()
      }
    },
  )

  it('the bytes of the head events come before the reset of a stream that fails at once', async () => {
    const response = mockStream({
      format: 'openai-chat',
      text,
      eventIds: true,
      fault: 'network-after:0',
    })
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let raw = ''
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return
          raw += decoder.decode(value, { stream: true })
        }
      })(),
    ).rejects.toThrow('network error')
    expect(raw).toMatch(/^id: 1\ndata: \{"id":"chatcmpl-/)
  })
})
