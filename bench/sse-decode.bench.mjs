// Wire decoding throughput of rivulet/core: an OpenAI chat completion stream of 10k events fed
// in 64 B, 1 KB and 16 KB chunks, decoded to its text by rivulet's createStream (the whole
// controller: snapshots, parts, metrics), decodeResponse and readSSE, against eventsource-parser used bare (the floor: no
// stream plumbing beyond reading the body), its EventSourceParserStream, and the Vercel AI
// SDK's parseJsonEventStream. Every variant reads the same ReadableStream body and JSON-parses
// each event to pick `choices[0].delta.content`; the texts are checked equal before timing.
import { createParser } from 'eventsource-parser'
import { EventSourceParserStream } from 'eventsource-parser/stream'
import { createStream, decodeResponse, readSSE } from '../dist/core/index.js'
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
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
const STEADY_WARMUP = 5
const STEADY_RUNS = 15
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

// The 64-byte case costs several times more per run: fewer rounds keep the bench short (the
// checksum pass below already warmed every variant up on it).
const chunkings = {
  '64 B chunks': { chunks: chunkBytes(body, 64), rounds: 5, warmup: 0 },
  '1 KB chunks': { chunks: chunkBytes(body, 1024), rounds: 7, warmup: 2 },
  '16 KB chunks': { chunks: chunkBytes(body, 16 * 1024), rounds: 7, warmup: 2 },
}

// `--steady <decoder> <chunking>`: the child of the steady-state table below. It runs one decoder
// alone in this fresh process, back to back with no forced gc, and prints the median CPU ms.
const steadyAt = process.argv.indexOf('--steady')
if (steadyAt !== -1) {
  const [name, chunking] = process.argv.slice(steadyAt + 1)
  const { chunks } = chunkings[chunking]
  const costs = []
  for (let i = 0; i < STEADY_WARMUP + STEADY_RUNS; i++) {
    const used = process.cpuUsage()
    await variants[name](streamOf(chunks))
    const { user, system } = process.cpuUsage(used)
    if (i >= STEADY_WARMUP) costs.push((user + system) / 1000)
  }
  costs.sort((a, b) => a - b)
  console.log(JSON.stringify(costs[Math.floor(costs.length / 2)]))
  process.exit(0)
}

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
const summary = {}
const cpuSummary = {}
for (const [chunking, { chunks, rounds, warmup }] of Object.entries(chunkings)) {
  const fns = Object.fromEntries(
    Object.entries(variants).map(([name, run]) => [name, () => run(streamOf(chunks))]),
  )
  const times = await interleavedTimes(fns, { rounds, warmup })
  const floor = Object.values(times)[0]
  const rows = Object.entries(times).map(([name, { median, best, cpu }]) => ({
    decoder: name,
    'median ms': median.toFixed(1),
    'MB/s': (MB / (median / 1000)).toFixed(1),
    'µs/event': ((median * 1000) / EVENTS).toFixed(2),
    'vs floor': `${(median / floor.median).toFixed(2)}×`,
    'best ms': best.toFixed(1),
    'best vs floor': `${(best / floor.best).toFixed(2)}×`,
    'cpu ms': cpu.toFixed(1),
    'cpu vs floor': `${(cpu / floor.cpu).toFixed(2)}×`,
  }))
  for (const [name, { median, cpu }] of Object.entries(times)) {
    const size = chunking.replace(' chunks', '')
    ;(summary[name] ??= {})[size] = `${(median / floor.median).toFixed(2)}×`
    ;(cpuSummary[name] ??= {})[size] = `${(cpu / floor.cpu).toFixed(2)}×`
  }
  console.log(
    `\n${chunking} (${chunks.length} chunks), median of ${rounds} interleaved rounds after ${warmup} warm-up(s), gc before each run:`,
  )
  table(rows)
}

console.log('\nmedian vs the floor (targets: readSSE ≤ 1.2×, createStream ≤ 1.5×):')
table(Object.entries(summary).map(([decoder, ratios]) => ({ decoder, ...ratios })))
console.log('\nmedian CPU time vs the floor (the same runs; steadier on a busy machine):')
table(Object.entries(cpuSummary).map(([decoder, ratios]) => ({ decoder, ...ratios })))
console.log(
  `load average at the end: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
)

// Steady state: the forced gc before each interleaved run above leaves a freshly shrunk heap,
// which bills allocation-heavy decoders extra scavenges; interleaving without it would bill one
// decoder's garbage to the next. Here each decoder runs alone in its own fresh process, back to
// back as an app's streams do, so each pays for its own garbage only.
const steadySummary = {}
for (const chunking of Object.keys(chunkings)) {
  const size = chunking.replace(' chunks', '')
  let floor
  for (const name of Object.keys(variants)) {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--steady', name, chunking],
      { encoding: 'utf8' },
    )
    if (child.status !== 0) throw new Error(`${name} ${chunking}: ${child.stderr}`)
    const cpu = Number(child.stdout.trim().split('\n').pop())
    floor ??= cpu
    ;(steadySummary[name] ??= {})[size] = `${(cpu / floor).toFixed(2)}× (${cpu.toFixed(1)} ms)`
  }
}
console.log(
  `\nsteady state: median CPU time vs the floor, each decoder alone in a fresh process, ` +
    `${STEADY_RUNS} runs back to back after ${STEADY_WARMUP} warm-ups, no forced gc:`,
)
table(Object.entries(steadySummary).map(([decoder, ratios]) => ({ decoder, ...ratios })))
