import { describe, expect, test } from 'vitest'
import { decodeEvery } from '../helpers/expect-parts.ts'

describe('text', () => {
  test('the body is the text, multi-byte characters intact under any split', async () => {
    const parts = await decodeEvery('Grüße, 世界 👋\r\nok', 'text', { merge: true })
    expect(parts).toEqual([{ type: 'text', text: 'Grüße, 世界 👋\r\nok' }, { type: 'finish' }])
  })
})

describe('sse-json', () => {
  test('takes text, token, content, delta and JSON strings, and ends at the body end', async () => {
    const transcript =
      'data: {"text":"a"}\n\ndata: {"token":"b"}\n\ndata: {"content":"c"}\n\n' +
      'data: {"delta":"d"}\n\ndata: "e"\n\ndata: {"meta":1}\n\n'
    const parts = await decodeEvery(transcript, 'sse-json')
    expect(parts).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'text', text: 'c' },
      { type: 'text', text: 'd' },
      { type: 'text', text: 'e' },
      { type: 'data', value: { meta: 1 } },
      { type: 'finish' },
    ])
  })
})
