import { describe, expect, test } from 'vitest'
import { decodeResponse } from 'rivulet/core'
import { chatDone, chatEvent } from '../../helpers/scripted-fetch.ts'
import { streamOf, toBytes } from '../../helpers/chunkings.ts'

// The readers move whole chunks; a consumer still hears ids in order with what it took, so
// one that stops after message n never heard the id of message n + 1 from the same chunk.

const oneChunk = chatEvent('a', 1) + chatEvent('b', 2) + chatEvent('c', 3) + chatDone

const sse = (text: string) =>
  new Response(streamOf([toBytes(text)]), { headers: { 'content-type': 'text/event-stream' } })

describe('ids in order within one chunk', () => {
  test('decodeResponse: a consumer that stops after a part heard only the ids up to it', async () => {
    const ids: string[] = []
    const texts: string[] = []
    for await (const part of decodeResponse(sse(oneChunk), 'openai-chat', {
      onId: (id) => ids.push(id),
    })) {
      if (part.type === 'text') texts.push(part.text)
      if (texts.length === 2) break
    }
    expect(texts).toEqual(['a', 'b'])
    expect(ids).toEqual(['1', '2'])
  })

  test('decodeResponse: an abort between two parts of a chunk ends with the text before it', async () => {
    const controller = new AbortController()
    const parts = []
    for await (const part of decodeResponse(sse(oneChunk), 'openai-chat', {
      signal: controller.signal,
    })) {
      parts.push(part)
      if (part.type === 'text' && part.text === 'a') controller.abort()
    }
    expect(parts.map((p) => p.type)).toEqual(['text', 'error'])
    const last = parts[1] as Extract<(typeof parts)[number], { type: 'error' }>
    expect(last.error).toMatchObject({ kind: 'aborted', partialText: 'a' })
  })
})
