// Figures for the mock (not a test): run `npm run build && node test/mock/measure-mock.mjs`.
// 1. ms from a client abort until the mock server's generation loop has stopped;
// 2. wall time to replay a 2,000-chunk cassette at speed 0.
import { startMockServer } from '../../dist/mock/server/index.js'
import { mockStream, recordStream, replayStream } from '../../dist/mock/stream/index.js'

const delay = 100
const runs = 20
let resolveEnd
const server = await startMockServer({ onStreamEnd: (info) => resolveEnd?.(info) })
const latencies = []
for (let i = 0; i < runs; i++) {
  const controller = new AbortController()
  const ended = new Promise((resolve) => (resolveEnd = resolve))
  const response = await fetch(
    `${server.url}/v1/chat/completions?text=a+b+c+d+e+f+g&ttft=0&delay=${delay}`,
    {
      method: 'POST',
      body: JSON.stringify({ stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      signal: controller.signal,
    },
  )
  const reader = response.body.getReader()
  await reader.read()
  await new Promise((r) => setTimeout(r, Math.random() * delay))
  const t0 = performance.now()
  controller.abort()
  const info = await ended
  latencies.push({ ms: performance.now() - t0, reason: info.reason })
}
await server.close()
const ms = latencies.map((l) => l.ms).sort((a, b) => a - b)
console.log(
  `abort -> generation stopped (token delay ${delay} ms, ${runs} runs): median ${ms[runs >> 1].toFixed(2)} ms, max ${ms.at(-1).toFixed(2)} ms, reasons ${[...new Set(latencies.map((l) => l.reason))]}`,
)

const text = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ')
const { response, cassette } = recordStream(
  mockStream({ format: 'openai-chat', text, chunkSize: 300 }),
)
await response.arrayBuffer()
const recorded = await cassette
const t1 = performance.now()
const bytes = (await replayStream(recorded, { speed: 0 }).arrayBuffer()).byteLength
console.log(
  `replay at speed 0: ${recorded.chunks.length} chunks, ${bytes} bytes in ${(performance.now() - t1).toFixed(1)} ms; cassette JSON ${JSON.stringify(recorded).length} bytes`,
)
