import { expect, test } from 'vitest'
import { readSSE } from 'rivulet/core'
import { chatDone, chatEvent } from '../../helpers/scripted-fetch.ts'
import { streamOf, toBytes } from '../../helpers/chunkings.ts'

// readSSE parses a whole chunk at once; a consumer still hears ids and retries in order with
// the messages it took, so one that stops after message n never heard the id of message n + 1.

const oneChunk = chatEvent('a', 1) + chatEvent('b', 2) + chatEvent('c', 3) + chatDone

test('a consumer that stops after a message heard only the ids up to it', async () => {
  const ids: string[] = []
  const retries: number[] = []
  const body = streamOf([
    toBytes('retry: 50\n' + oneChunk.replace('id: 2\n', 'id: 2\nretry: 70\n')),
  ])
  const seen: string[] = []
  for await (const message of readSSE(body, {
    onId: (id) => ids.push(id),
    onRetry: (ms) => retries.push(ms),
  })) {
    seen.push(message.id ?? '')
    if (seen.length === 1) break
  }
  expect(seen).toEqual(['1'])
  expect(ids).toEqual(['1'])
  expect(retries).toEqual([50])
})
