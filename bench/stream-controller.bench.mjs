// Per-token cost of rivulet/core's createStream as the answer grows: an injected fetch returns
// an in-memory OpenAI chat stream of N tokens (minimal chunks, cut in 1–4 KB pieces), a subscriber reads getSnapshot()
// on every notification, and the whole run (bytes → snapshot) is timed. The growth exponent is
// the log-log slope of total time over N: ~1.0 means the cost per token stays flat as the answer
// grows, ~2.0 that every token redoes work proportional to the answer (quadratic).
// Peers doing the same job from the same bytes: eventsource-parser with a copy-on-append store
// (the floor), the Vercel AI SDK's readUIMessageStream (what its useChat runs per chunk), and for
// `output: 'json'` re-parsing the whole text per token (native JSON.parse, and the AI SDK's
// parsePartialJson, as its streamObject does): the approach rivulet avoids. Smoothing is off
// (the default): its timers would time the clock, not the work.
import { createParser } from 'eventsource-parser'
import { createJsonParser, createStream } from '../dist/core/index.js'
import { mockStream } from '../dist/mock/index.js'
import {
  answerTokens,
  chunkBytes,
  growthExponent,
  jsonArrayTokens,
  median,
  interleavedTimes,
  openaiChatBody,
  streamOf,
  table,
} from './helpers.mjs'

const SIZES = [1_000, 4_000, 16_000, 64_000]
// Fewer rounds where one run is long (3 for any run projected past SLOW_RUN_MS); a peer whose
// next size is projected past RUN_BUDGET_MS per run (a quadratic one) stops there.
const roundsFor = (n) =>
  n >= 16_000
    ? { rounds: 3, warmup: 0 }
    : n > SIZES[0]
      ? { rounds: 5, warmup: 0 }
      : { rounds: 7, warmup: 0 }
const SLOW_RUN_MS = 400
const RUN_BUDGET_MS = 1_500

const inputs = new Map()
function input(kind, n) {
  const key = `${kind}:${n}`
  if (!inputs.has(key)) {
    const tokens = kind === 'json' ? jsonArrayTokens(n) : answerTokens(n)
    // Minimal chunks: the decoding is measured by sse-decode.bench.mjs; here it would drown
    // the controller's own cost.
    const body = openaiChatBody(tokens, { minimal: true })
    inputs.set(key, {
      tokens,
      text: tokens.join(''),
      bytes: body.length,
      chunks: chunkBytes(body, 1024, 4096),
    })
  }
  return inputs.get(key)
}

const contentOf = (data) => JSON.parse(data).choices[0]?.delta?.content ?? ''

/** Reads an OpenAI chat body with bare eventsource-parser, calling `onToken` per token. */
async function floorDecode(stream, onToken) {
  const parser = createParser({
    onEvent({ data }) {
      if (data === '[DONE]') return
      const token = contentOf(data)
      if (token) onToken(token)
    },
  })
  const decoder = new TextDecoder()
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parser.feed(decoder.decode(value, { stream: true }))
  }
}

/** A minimal external store: a new frozen snapshot per change, listeners told synchronously. */
function naiveStore() {
  let snapshot = Object.freeze({ text: '', tokens: 0 })
  const listeners = new Set()
  return {
    getSnapshot: () => snapshot,
    subscribe: (listener) => listeners.add(listener),
    set(patch) {
      snapshot = Object.freeze({ ...snapshot, ...patch, tokens: snapshot.tokens + 1 })
      for (const listener of listeners) listener()
    },
  }
}

// What a subscriber does with a snapshot: look at it (a render would read these fields).
let seen = 0
const look = (snapshot) => {
  seen += snapshot.text.length
  if (Array.isArray(snapshot.object)) seen += snapshot.object.length
}

/**
 * A subscriber that asks only the status on each notification, as the React hooks' throttle
 * does (React then reads the snapshot once per frame): the object is not made per token.
 */
const lookAtStatus = (controller) => {
  seen += controller.getStatus().length
}

function rivulet(options, lookAt = look) {
  return async ({ chunks }) => {
    const controller = createStream({
      fetch: async () =>
        new Response(streamOf(chunks), { headers: { 'content-type': 'text/event-stream' } }),
      format: 'openai-chat',
      retry: false,
      ...options,
    })
    let notifications = 0
    controller.subscribe(() => {
      notifications++
      if (lookAt === lookAtStatus) lookAtStatus(controller)
      else lookAt(controller.getSnapshot())
    })
    const result = await controller.start()
    if (result.status !== 'done') throw result.error ?? new Error(result.status)
    return { text: result.text, object: result.object, notifications }
  }
}

const variants = {
  text: {
    'rivulet createStream': rivulet({}),
    'floor: eventsource-parser + copy-on-append store': async ({ chunks }) => {
      const store = naiveStore()
      let notifications = 0
      store.subscribe(() => {
        notifications++
        look(store.getSnapshot())
      })
      await floorDecode(streamOf(chunks), (token) =>
        store.set({ text: store.getSnapshot().text + token }),
      )
      return { text: store.getSnapshot().text, notifications }
    },
  },
  json: {
    "rivulet createStream, output 'json'": rivulet({ output: 'json' }),
    // `object` is made when getSnapshot() reads a changed snapshot: a subscriber that asks only
    // the status per token (React reads the snapshot once per frame) pays nothing for the
    // growing array until the end.
    "rivulet createStream, output 'json', status per token": rivulet(
      { output: 'json' },
      lookAtStatus,
    ),
    // The strongest form of re-parsing: native JSON.parse of the whole text per token, which
    // even skips the partial values (a prefix fails to parse, so the object only appears at
    // the end). Its work still grows with the text on every token.
    'floor decode + native JSON.parse of the whole text per token': async ({ chunks }) => {
      const store = naiveStore()
      let notifications = 0
      store.subscribe(() => {
        notifications++
        look(store.getSnapshot())
      })
      await floorDecode(streamOf(chunks), (token) => {
        const text = store.getSnapshot().text + token
        let object = store.getSnapshot().object
        try {
          object = JSON.parse(text)
        } catch {
          // Not a whole value yet: keep the last one.
        }
        store.set({ text, object })
      })
      const { text, object } = store.getSnapshot()
      return { text, object, notifications }
    },
  },
}

try {
  const { readUIMessageStream, parsePartialJson: aiParsePartialJson } = await import('ai')
  const { parseJsonEventStream, jsonSchema } = await import('@ai-sdk/provider-utils')
  const { version } = (await import('ai/package.json', { with: { type: 'json' } })).default
  // The AI SDK's own SSE JSON parser, with no schema validation (no zod cost is measured).
  const schema = jsonSchema({})
  const tokensOf = (stream) =>
    parseJsonEventStream({ stream, schema }).pipeThrough(
      new TransformStream({
        transform(result, controller) {
          if (!result.success) throw result.error
          const token = result.value.choices[0]?.delta?.content
          if (token) controller.enqueue(token)
        },
      }),
    )
  variants.text[`AI SDK ${version} readUIMessageStream`] = async ({ chunks }) => {
    // The UI message chunks its useChat receives, made from the provider's stream.
    const uiChunks = tokensOf(streamOf(chunks)).pipeThrough(
      new TransformStream({
        start(controller) {
          controller.enqueue({ type: 'start' })
          controller.enqueue({ type: 'text-start', id: 't' })
        },
        transform(delta, controller) {
          controller.enqueue({ type: 'text-delta', id: 't', delta })
        },
        flush(controller) {
          controller.enqueue({ type: 'text-end', id: 't' })
          controller.enqueue({ type: 'finish' })
        },
      }),
    )
    let text = ''
    let notifications = 0
    for await (const message of readUIMessageStream({ stream: uiChunks })) {
      notifications++
      text = message.parts.find((part) => part.type === 'text')?.text ?? ''
      look({ text })
    }
    return { text, notifications }
  }
  variants.json[`AI SDK ${version} parsePartialJson of the whole text per token`] = async ({
    chunks,
  }) => {
    let text = ''
    let object
    let notifications = 0
    for await (const token of tokensOf(streamOf(chunks))) {
      text += token
      object = (await aiParsePartialJson(text)).value
      notifications++
      look({ text, object })
    }
    return { text, object, notifications }
  }
} catch (error) {
  console.log(`AI SDK not measured: ${error.message}`)
}

/**
 * Runs `run` on the smallest input until it has handled 16k tokens or spent 1 s, so the JIT
 * has optimized its hot path before anything is timed: else the first sizes would pay for
 * compilation and the growth exponent would come out low.
 */
async function warmUp(run, data) {
  const start = performance.now()
  for (let handled = 0; handled < 16_000 && performance.now() - start < 1_000;) {
    await run(data)
    handled += data.tokens.length
  }
}

/** Checks a variant's final text (and object) against the input before anything is timed. */
async function check(kind, name, run) {
  const data = input(kind, SIZES[0])
  const out = await run(data)
  const want = kind === 'json' ? JSON.stringify(JSON.parse(data.text)) : data.text
  const got = kind === 'json' ? JSON.stringify(out.object) : out.text
  if (got !== want || out.text !== data.text) {
    console.log(`  ${name}: WRONG RESULT`)
    process.exitCode = 1
  }
  return out.notifications
}

for (const [kind, group] of Object.entries(variants)) {
  const sample = input(kind, SIZES[0])
  const largest = input(kind, SIZES[SIZES.length - 1])
  console.log(
    `\n${kind === 'json' ? "output 'json' over a growing JSON array" : 'text'}: N tokens of ` +
      `~${(sample.text.length / SIZES[0]).toFixed(1)} chars, ~${(sample.bytes / SIZES[0]).toFixed(0)} B ` +
      `of SSE per token in 1–4 KB chunks (N = ${SIZES[SIZES.length - 1] / 1000}k: ` +
      `${(largest.bytes / 1e6).toFixed(1)} MB, ${(largest.text.length / 1000).toFixed(0)}k chars)`,
  )
  const results = {}
  for (const [name, run] of Object.entries(group)) {
    results[name] = { run, points: [], notifications: await check(kind, name, run) }
    await warmUp(run, input(kind, SIZES[0]))
  }
  for (const n of SIZES) {
    const data = input(kind, n)
    // Runs projected to be long get the minimum number of rounds, in a group of their own.
    const groups = [{}, {}]
    for (const [name, result] of Object.entries(results)) {
      const { points } = result
      if (points.at(-1)?.skipped) continue
      const last = points.at(-1)
      // A peer whose run is projected past the budget stops here (from two sizes on); rivulet's
      // own variants, the subject, run at every size.
      const exponent = points.length >= 2 ? Math.max(1, growthExponent(points)) : 2
      const projected = last ? last.time * (n / last.n) ** exponent : 0
      const peer = !name.startsWith('rivulet')
      if (peer && points.length >= 2 && projected > RUN_BUDGET_MS) {
        points.push({ n, skipped: projected })
        continue
      }
      groups[projected > SLOW_RUN_MS ? 1 : 0][name] = () => result.run(data)
    }
    const times = {
      ...(await interleavedTimes(groups[0], roundsFor(n))),
      ...(await interleavedTimes(groups[1], { rounds: 3, warmup: 0 })),
    }
    for (const [name, { median, best }] of Object.entries(times)) {
      results[name].points.push({ n, time: median, best })
    }
  }
  const rows = []
  const reference = Object.values(results)[0].points
  const perToken = (ms, n) => ((ms * 1000) / n).toFixed(1)
  for (const [name, { points, notifications }] of Object.entries(results)) {
    const row = { variant: name }
    for (const n of SIZES) {
      const point = points.find((p) => p.n === n)
      row[`µs/token @${n / 1000}k`] = !point
        ? '-'
        : point.time
          ? `${perToken(point.time, n)} (${perToken(point.best, n)})`
          : `skipped: ~${(point.skipped / 1000).toFixed(0)} s/run`
    }
    const timed = points.filter((p) => p.time)
    const bests = timed.map(({ n, best }) => ({ n, time: best }))
    row.exponent = `${growthExponent(timed).toFixed(2)} (${growthExponent(bests).toFixed(2)})`
    const last = timed.at(-1)
    const ours = reference.find((p) => p.n === last.n)
    row['time ÷ rivulet'] =
      `${(last.time / ours.time).toFixed(2)}× (${(last.best / ours.best).toFixed(2)}×) @${last.n / 1000}k`
    row[`notifications @${SIZES[0] / 1000}k`] = notifications
    rows.push(row)
  }
  console.log(
    `median (best) of interleaved rounds (${SIZES.map((n) => `${n / 1000}k: ${roundsFor(n).rounds}`).join(', ')}; ` +
      `3 for runs over ${SLOW_RUN_MS} ms), forced gc before each run; exponent: log-log slope ` +
      "of total time over N; 'time ÷ rivulet' at the largest N the variant ran:",
  )
  table(rows)
}
// Message parts against text only, in the same run: the same number of deltas from mockStream's
// OpenAI chat wire (its full chunks), once as N text tokens, once as N/2 reasoning deltas, N/2
// text tokens and two tool calls whose arguments stream in pieces. The mock's bytes are made
// once per size, outside the timing; each run decodes them through createStream, which
// gathers `parts` (a new array per delta sharing the unchanged parts) besides `text`.
const PART_SIZES = [1_000, 4_000, 16_000]
const toolCalls = [
  { id: 'call_1', name: 'get_weather', args: { city: 'Paris', unit: 'C', days: [1, 2, 3] } },
  { id: 'call_2', name: 'search', args: { query: 'longest river', limit: 5, lang: 'en' } },
]
async function mockChunks(options) {
  const response = mockStream({ format: 'openai-chat', usage: false, ...options })
  const bytes = new Uint8Array(await response.arrayBuffer())
  return { chunks: chunkBytes(bytes, 1024, 4096), bytes: bytes.length }
}
async function partsInputs(n) {
  const text = await mockChunks({ tokens: answerTokens(n) })
  const parts = await mockChunks({
    reasoning: answerTokens(n / 2).join(''),
    tokens: answerTokens(n / 2),
    toolCalls,
  })
  return { text, parts }
}
/** One run: decode `chunks` through createStream; the subscriber reads text and parts. */
async function partsRun({ chunks }) {
  const controller = createStream({
    fetch: async () =>
      new Response(streamOf(chunks), { headers: { 'content-type': 'text/event-stream' } }),
    format: 'openai-chat',
    retry: false,
  })
  controller.subscribe(() => {
    const snapshot = controller.getSnapshot()
    seen += snapshot.text.length + snapshot.parts.length
  })
  const result = await controller.start()
  if (result.status !== 'done') throw result.error ?? new Error(result.status)
  return result
}
/** Counts the deltas a body carries (parts decoded), and checks the parts came out whole. */
async function countDeltas({ chunks }, withParts) {
  let deltas = 0
  const controller = createStream({
    fetch: async () =>
      new Response(streamOf(chunks), { headers: { 'content-type': 'text/event-stream' } }),
    format: 'openai-chat',
    retry: false,
    onPart: (part) => {
      if (part.type !== 'finish' && part.type !== 'data') deltas++
    },
  })
  const result = await controller.start()
  const kinds = controller.getSnapshot().parts.map((part) => part.type)
  const want = withParts ? ['reasoning', 'text', 'tool-call', 'tool-call'] : ['text']
  const calls = controller.getSnapshot().parts.filter((part) => part.type === 'tool-call')
  const argsOk = calls.every(
    (call, i) => JSON.stringify(call.args) === JSON.stringify(toolCalls[i].args),
  )
  if (result.status !== 'done' || kinds.join() !== want.join() || !argsOk) {
    console.log(`  parts check: WRONG RESULT (${result.status}; ${kinds.join(', ')})`)
    process.exitCode = 1
  }
  return deltas
}
{
  const rows = []
  for (const n of PART_SIZES) {
    const data = await partsInputs(n)
    const deltas = {
      text: await countDeltas(data.text, false),
      parts: await countDeltas(data.parts, true),
    }
    if (n === PART_SIZES[0]) {
      for (let i = 0; i < 5; i++) {
        await partsRun(data.text)
        await partsRun(data.parts)
      }
    }
    const times = await interleavedTimes(
      { text: () => partsRun(data.text), parts: () => partsRun(data.parts) },
      { rounds: n >= 16_000 ? 5 : 9, warmup: 1 },
    )
    const per = (name) => (times[name].median * 1000) / deltas[name]
    const best = (name) => (times[name].best * 1000) / deltas[name]
    rows.push({
      N: n,
      'text only: deltas': deltas.text,
      'µs/delta': `${per('text').toFixed(2)} (${best('text').toFixed(2)})`,
      'reasoning + text + 2 tool calls: deltas': deltas.parts,
      'µs/delta ': `${per('parts').toFixed(2)} (${best('parts').toFixed(2)})`,
      'parts ÷ text per delta': `${(per('parts') / per('text')).toFixed(2)}× (${(best('parts') / best('text')).toFixed(2)}×)`,
    })
  }
  console.log(
    '\nparts: createStream over mockStream openai-chat bytes (full chunks, 1–4 KB pieces), ' +
      'text only vs reasoning + text + two tool calls with the same number of deltas; ' +
      'median (best) of interleaved rounds, per delta received:',
  )
  table(rows)
}

// The JSON stage alone (no wire, no controller): rivulet's incremental parser, the value read
// after every token as the controller does. A value once read is never mutated, so each read
// after new text copies the open containers: the cost of that copy grows with the open array.
const parserRows = []
const parserPoints = []
for (const n of SIZES) {
  const { tokens } = input('json', n)
  const ms = median(
    () => {
      const parser = createJsonParser()
      for (const token of tokens) {
        parser.push(token)
        if (parser.value === undefined) seen++
      }
    },
    { rounds: n >= 16_000 ? 5 : 9, warmup: 3 },
  )
  parserPoints.push({ n, time: ms })
  parserRows.push({ N: n, 'median ms': ms.toFixed(2), 'µs/token': ((ms * 1000) / n).toFixed(2) })
}
console.log(
  `\nrivulet createJsonParser alone, push + read value per token (median of 9 runs, 5 from 16k): ` +
    `exponent ${growthExponent(parserPoints).toFixed(2)}`,
)
table(parserRows)
console.log(`\n(subscribers looked at ${seen} chars and items in all)`)
