// Wire decoding throughput of rivulet/core: an OpenAI chat completion stream of 10k events fed
// in 64 B, 1 KB and 16 KB chunks, decoded to its text by rivulet's createStream (the whole
// controller: snapshots, parts, metrics), decodeResponse and readSSE, against eventsource-parser used bare (the floor: no
// stream plumbing beyond reading the body), its EventSourceParserStream, and the Vercel AI
// SDK's parseJsonEventStream. Every variant reads the same ReadableStream body and JSON-parses
// each event to pick `choices[0].delta.content`; the texts are checked equal before timing.
import { createParser } from 'eventsource-parser'
import { EventSourceParserStream } from 'eventsource-parser/stream'
import { createStream, decodeResponse, readSSE } from '../dist/core/index.js'
import { loadavg } from 'node:os'
import {
  answerTokens,
  checksum,
  chunkBytes,
  interleavedTimes,
  openaiChatBody,
  streamOf,
  table,
} from './helpers.mjs'

const EVENTS = 10_000
const tokens = answerTokens(EVENTS)
const body = openaiChatBody(tokens)
const expected = tokens.join('')

const contentOf = (data) => JSON.parse(data).choices[0]?.delta?.content ?? ''

const variants = {
  'eventsource-parser (floor)': async (stream) => {
    let text = ''
    const parser = createParser({
      onEvent({ data }) {
        if (data !== '[DONE]') text += contentOf(data)
      },
    })
    const decoder = new TextDecoder()
    const reader = stream.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parser.feed(decoder.decode(value, { stream: true }))
    }
    parser.feed(decoder.decode())
    return text
  },
  EventSourceParserStream: async (stream) => {
    let text = ''
    const events = stream
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream())
    for await (const { data } of events) if (data !== '[DONE]') text += contentOf(data)
    return text
  },
  'rivulet readSSE': async (stream) => {
    let text = ''
    for await (const { data } of readSSE(stream)) if (data !== '[DONE]') text += contentOf(data)
    return text
  },
  'rivulet decodeResponse': async (stream) => {
    let text = ''
    const response = new Response(stream, { headers: { 'content-type': 'text/event-stream' } })
    for await (const part of decodeResponse(response, 'openai-chat')) {
      if (part.type === 'text') text += part.text
      else if (part.type === 'error') throw part.error
    }
    return text
  },
  'rivulet createStream': async (stream) => {
    const response = new Response(stream, { headers: { 'content-type': 'text/event-stream' } })
    const controller = createStream({
      url: 'http://bench.invalid/',
      fetch: async () => response,
      format: 'openai-chat',
      retry: false,
    })
    const result = await controller.start()
    if (result.status !== 'done') throw result.error
    return result.text
  },
}

try {
  const { parseJsonEventStream, jsonSchema } = await import('@ai-sdk/provider-utils')
  const { version } = (
    await import('@ai-sdk/provider-utils/package.json', { with: { type: 'json' } })
  ).default
  // A schema without a validator: the parser and its secure JSON parse are measured, no zod.
  const schema = jsonSchema({})
  variants[`AI SDK parseJsonEventStream ${version}`] = async (stream) => {
    let text = ''
    for await (const result of parseJsonEventStream({ stream, schema })) {
      if (!result.success) throw result.error
      text += result.value.choices[0]?.delta?.content ?? ''
    }
    return text
  }
} catch (error) {
  console.log(`AI SDK not measured: ${error.message}`)
}

// Steady state (the headline): interleaved rounds after warm-up rounds, no forced gc, so the
// heap and the optimized code are as a process has them mid-session. Garbage left by one run
// costs the next little (a scavenge copies what lives, not what died), and the rotating order
// spreads what it does cost. The 64-byte case costs several times more per run: fewer rounds.
const chunkings = {
  '64 B chunks': { chunks: chunkBytes(body, 64), rounds: 11, warmup: 3 },
  '1 KB chunks': { chunks: chunkBytes(body, 1024), rounds: 17, warmup: 3 },
  '16 KB chunks': { chunks: chunkBytes(body, 16 * 1024), rounds: 21, warmup: 3 },
}
// After a full collection: a forced gc before each run. It frees the maps of the JSON objects of
// the run before, and V8 throws away the optimized code that checked them (the floor's too), so
// each run re-warms its code on a young heap: what the first events of a stream cost after a
// major collection between two streams, not what decoding costs.
const COLD_ROUNDS = 7

console.log(
  `input: ${EVENTS} events + role, finish and [DONE], ${(body.length / 1e6).toFixed(2)} MB, ` +
    `${expected.length} chars of text, checksum ${checksum(expected)}`,
)
for (const [name, run] of Object.entries(variants)) {
  const text = await run(streamOf(chunkings['64 B chunks'].chunks))
  const same = text === expected ? 'same text' : 'DIFFERENT TEXT'
  console.log(`  ${name}: ${checksum(text)} ${same}`)
  if (text !== expected) process.exitCode = 1
}

const MB = body.length / 1e6
const ratio = (a, b) => `${(a / b).toFixed(2)}×`
const summary = {}
const cpuSummary = {}
const coldSummary = {}
for (const [chunking, { chunks, rounds, warmup }] of Object.entries(chunkings)) {
  const size = chunking.replace(' chunks', '')
  const fns = Object.fromEntries(
    Object.entries(variants).map(([name, run]) => [name, () => run(streamOf(chunks))]),
  )
  const times = await interleavedTimes(fns, { rounds, warmup, gc: false })
  const floor = Object.values(times)[0]
  const rows = Object.entries(times).map(([name, { median, best, cpu }]) => ({
    decoder: name,
    'median ms': median.toFixed(1),
    'MB/s': (MB / (median / 1000)).toFixed(1),
    'µs/event': ((median * 1000) / EVENTS).toFixed(2),
    'vs floor': ratio(median, floor.median),
    'best ms': best.toFixed(1),
    'best vs floor': ratio(best, floor.best),
    'cpu ms': cpu.toFixed(1),
    'cpu vs floor': ratio(cpu, floor.cpu),
  }))
  for (const [name, { median, cpu }] of Object.entries(times)) {
    ;(summary[name] ??= {})[size] = ratio(median, floor.median)
    ;(cpuSummary[name] ??= {})[size] = ratio(cpu, floor.cpu)
  }
  console.log(
    `\n${chunking} (${chunks.length} chunks), steady state: median of ${rounds} interleaved rounds after ${warmup} warm-up rounds, no forced gc:`,
  )
  table(rows)
  const cold = await interleavedTimes(fns, { rounds: COLD_ROUNDS, warmup: 1, gc: true })
  const coldFloor = Object.values(cold)[0]
  for (const [name, { median }] of Object.entries(cold)) {
    ;(coldSummary[name] ??= {})[size] =
      `${ratio(median, coldFloor.median)} (${median.toFixed(1)} ms)`
  }
}

console.log(
  '\nsteady state, median wall time vs the floor (targets: readSSE ≤ 1.2×, createStream ≤ 1.5×):',
)
table(Object.entries(summary).map(([decoder, ratios]) => ({ decoder, ...ratios })))
console.log(
  '\nsteady state, median CPU time vs the floor (the same runs; steadier on a busy machine):',
)
table(Object.entries(cpuSummary).map(([decoder, ratios]) => ({ decoder, ...ratios })))
console.log(
  `\nafter a full collection (gc forced before each run, ${COLD_ROUNDS} interleaved rounds): median wall time vs the floor`,
)
table(Object.entries(coldSummary).map(([decoder, ratios]) => ({ decoder, ...ratios })))
console.log(
  `load average at the end: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
)
