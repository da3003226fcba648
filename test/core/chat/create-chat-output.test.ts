import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { createChat } from 'rivulet/core'
import { chatDone, chatEvent, scriptedFetch } from '../../helpers/scripted-fetch.ts'

// Work is counted, not timed: array elements copied by slice or concat, which is how a JSON
// object made from the answer would copy its growing array on every update the chat reads.
let copied = 0
beforeEach(() => {
  vi.useFakeTimers()
  copied = 0
  for (const name of ['slice', 'concat'] as const) {
    const original = Array.prototype[name] as (...args: unknown[]) => unknown[]
    vi.spyOn(Array.prototype, name).mockImplementation(function (
      this: unknown[],
      ...args: unknown[]
    ) {
      copied += this.length
      return original.apply(this, args)
    } as never)
  }
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

test("a chat given output: 'json' shows the text and parses no object (a message has none)", async () => {
  const n = 800
  const tokens = ['[', ...Array.from({ length: n - 1 }, (_, i) => `${i},`), `${n - 1}]`]
  const script = scriptedFetch([{ body: [...tokens.map((t) => chatEvent(t)), chatDone] }])
  const chat = createChat({
    url: '/api',
    format: 'openai-chat',
    fetch: script.fetch,
    output: 'json',
  })
  const sent = chat.send('list')
  await vi.runAllTimersAsync()
  await sent
  const answer = chat.getSnapshot().messages.at(-1)!
  expect(answer.content).toBe(tokens.join(''))
  expect(answer.status).toBe('done')
  // The chat reads the stream's snapshot on every update: with an object, each read would copy
  // the growing array (about n²/2 = 320000 elements here).
  expect(copied).toBeLessThan(20 * n)
})
