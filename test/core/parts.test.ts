import { describe, expect, test } from 'vitest'
import {
  createStream,
  thinkTags,
  type MessagePart,
  type StreamFormat,
  type StreamSnapshot,
} from 'rivulet/core'
import { chunkings, toBytes } from '../helpers/chunkings.ts'
import { decodeEvery } from '../helpers/expect-parts.ts'
import { wireFixture } from '../helpers/fixtures.ts'
import { recordSnapshots } from '../helpers/record-snapshots.ts'
import { scriptedFetch } from '../helpers/scripted-fetch.ts'

/** Runs a stream over one body, delivered in these chunks, and returns every snapshot it published. */
async function snapshotsOf(
  chunks: Uint8Array[],
  format: StreamFormat,
  extra: Parameters<typeof createStream>[0] = {},
): Promise<StreamSnapshot[]> {
  const contentType = format === 'ollama' ? 'application/x-ndjson' : 'text/event-stream'
  const stream = createStream({
    url: 'http://test/',
    format,
    retry: false,
    fetch: scriptedFetch([{ headers: { 'content-type': contentType }, body: chunks }]).fetch,
    ...extra,
  })
  const seen = recordSnapshots(stream)
  await stream.start()
  return seen
}

/**
 * The final text and parts of a transcript through `createStream`: the same whole, one byte
 * per chunk and cut at seeded random places; its decoded parts are the same under every
 * chunking (every two-piece split too).
 */
async function finalParts(transcript: Uint8Array, format: StreamFormat) {
  await decodeEvery(transcript, format, { random: 4 })
  const bytes = toBytes(transcript)
  const run = async (chunks: Uint8Array[]) => {
    const last = (await snapshotsOf(chunks, format)).at(-1)!
    return { status: last.status, text: last.text, parts: last.parts }
  }
  const whole = await run([bytes])
  expect(await run([...bytes].map((b) => new Uint8Array([b])))).toStrictEqual(whole)
  for (const chunking of chunkings(bytes, { random: 6 }).filter((c) =>
    c.name.startsWith('random'),
  )) {
    expect(await run(chunking.chunks), chunking.name).toStrictEqual(whole)
  }
  return whole
}

const weather = (id: string, location: string): MessagePart => ({
  type: 'tool-call',
  id,
  name: 'get_weather',
  argsText: expect.any(String) as unknown as string,
  args: { location },
  status: 'complete',
})

describe('message parts from each provider, under every chunking', { timeout: 60_000 }, () => {
  test('openai-chat: OpenRouter reasoning and two parallel tool calls keyed by index', async () => {
    const result = await finalParts(
      wireFixture('openai-chat/parallel-tool-calls.sse'),
      'openai-chat',
    )
    expect(result).toEqual({
      status: 'done',
      text: '',
      parts: [
        { type: 'reasoning', text: 'Two cities, so two lookups.' },
        weather('call_paris', 'Paris, France'),
        weather('call_tokyo', 'Tokyo, Japan'),
      ],
    })
  })

  test('openai-chat: DeepSeek reasoning_content before the answer', async () => {
    const result = await finalParts(
      wireFixture('openai-chat/deepseek-reasoning.sse'),
      'openai-chat',
    )
    expect(result.parts).toEqual([
      { type: 'reasoning', text: 'Two plus two is four.' },
      { type: 'text', text: '4' },
    ])
  })

  test('openai-responses: reasoning summary parts, two function calls, url citations', async () => {
    const result = await finalParts(
      wireFixture('openai-responses/reasoning-tools-citations.sse'),
      'openai-responses',
    )
    expect(result).toEqual({
      status: 'done',
      text: 'Sunny in both, per the forecast.',
      parts: [
        { type: 'reasoning', text: '**Planning lookups**\n\nTwo cities.' },
        weather('call_paris', 'Paris'),
        weather('call_tokyo', 'Tokyo'),
        { type: 'text', text: 'Sunny in both, per the forecast.' },
        { type: 'source', url: 'https://weather.example/paris', title: 'Paris forecast' },
        { type: 'source', url: 'https://weather.example/tokyo', title: 'Tokyo forecast' },
      ],
    })
  })

  test('anthropic: redacted thinking kept opaque, signed thinking, a citation, two tool_use blocks', async () => {
    const result = await finalParts(
      wireFixture('anthropic/citations-redacted-tools.sse'),
      'anthropic',
    )
    expect(result).toEqual({
      status: 'done',
      text: 'Paris looks sunny.',
      parts: [
        {
          type: 'reasoning',
          text: '',
          redacted: true,
          data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP',
        },
        { type: 'reasoning', text: 'I should check both cities.', signature: 'EqQBCgIYAhIMsig' },
        { type: 'source', url: 'https://weather.example/paris', title: 'Paris forecast' },
        { type: 'text', text: 'Paris looks sunny.' },
        weather('toolu_paris', 'Paris'),
        weather('toolu_tokyo', 'Tokyo'),
      ],
    })
  })

  test('ollama: thinking and two whole tool calls in one chunk', async () => {
    const result = await finalParts(wireFixture('ollama/parallel-tools.ndjson'), 'ollama')
    expect(result.parts).toEqual([
      { type: 'reasoning', text: 'Two cities, two calls.' },
      { ...weather('call_0', 'Paris'), argsText: '{"location":"Paris"}' },
      { ...weather('call_1', 'Tokyo'), argsText: '{"location":"Tokyo"}' },
    ])
  })

  test('a provider that sends none of these gives one text part, and the same text as before', async () => {
    const result = await finalParts(wireFixture('openai-chat/basic.sse'), 'openai-chat')
    expect(result.parts).toEqual([{ type: 'text', text: result.text }])
    expect(result.text.length).toBeGreaterThan(0)
  })
})

describe('tool call arguments', () => {
  const args = '{"location": "Zürich, CH", "units": ["c", "f"], "days": 3}'
  const chunk = (delta: unknown) =>
    `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`

  test('split into two deltas at every position: the same call, args partial then whole', async () => {
    for (let at = 0; at <= args.length; at++) {
      const transcript =
        chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '' } }] }) +
        chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, at) } }] }) +
        chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(at) } }] }) +
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] })}\n\ndata: [DONE]\n\n`
      const seen = await snapshotsOf([toBytes(transcript)], 'openai-chat')
      const calls = seen.flatMap((s) => s.parts.filter((p) => p.type === 'tool-call'))
      const done = calls.findIndex((call) => call.status === 'complete')
      const last = calls[done]!
      expect(last, `split at ${at}`).toEqual({
        type: 'tool-call',
        id: 'c1',
        name: 'f',
        argsText: args,
        args: JSON.parse(args),
        status: 'complete',
      })
      // While streaming, args is the partial reading of the text so far.
      for (const call of calls.slice(0, done)) {
        expect(call.status).toBe('streaming')
        expect(args.startsWith(call.argsText)).toBe(true)
      }
    }
  })

  test('streamed one byte per chunk, args fill in and never go back', async () => {
    const transcript = wireFixture('anthropic/citations-redacted-tools.sse')
    const bytes = toBytes(transcript)
    const seen = await snapshotsOf(
      [...bytes].map((b) => new Uint8Array([b])),
      'anthropic',
    )
    const texts = seen
      .map((s) => s.parts.find((p) => p.type === 'tool-call' && p.id === 'toolu_paris'))
      .flatMap((p) => (p?.type === 'tool-call' ? [p.argsText] : []))
    for (let i = 1; i < texts.length; i++) expect(texts[i]!.startsWith(texts[i - 1]!)).toBe(true)
    expect(texts.at(-1)).toBe('{"location": "Paris"}')
  })
})

describe('snapshot parts', () => {
  test('per delta only the growing part is new; earlier part objects stay identical', async () => {
    // One event per chunk: the controller shows each chunk's parts in one snapshot.
    const events = new TextDecoder()
      .decode(wireFixture('openai-responses/reasoning-tools-citations.sse'))
      .split(/(?<=\n\n)/)
    const seen = await snapshotsOf(events.map(toBytes), 'openai-responses')
    expect(seen.length).toBeGreaterThan(events.length / 2)
    for (let i = 1; i < seen.length; i++) {
      const before = seen[i - 1]!.parts
      const after = seen[i]!.parts
      if (before === after) continue
      let changed = 0
      for (let k = 0; k < before.length; k++) if (after[k] !== before[k]) changed++
      // A delta changes at most one existing part (completing all calls at the end aside).
      if (seen[i]!.status !== 'done') expect(changed).toBeLessThanOrEqual(1)
      expect(after.length - before.length).toBeLessThanOrEqual(1)
    }
  })

  test('the <think> transform feeds the reasoning part', async () => {
    const transcript =
      ['<thi', 'nk>Let me', ' see.</th', 'ink>It is ', '4.']
        .map(
          (t) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: t } }] })}\n\n`,
        )
        .join('') + 'data: [DONE]\n\n'
    const seen = await snapshotsOf([toBytes(transcript)], 'openai-chat', {
      transform: thinkTags(),
    })
    const last = seen.at(-1)!
    expect(last.text).toBe('It is 4.')
    expect(last.reasoning).toBe('Let me see.')
    expect(last.parts).toEqual([
      { type: 'reasoning', text: 'Let me see.' },
      { type: 'text', text: 'It is 4.' },
    ])
  })

  test('provider reasoning also fills the reasoning string', async () => {
    const seen = await snapshotsOf(
      [wireFixture('openai-chat/deepseek-reasoning.sse')],
      'openai-chat',
    )
    expect(seen.at(-1)!.reasoning).toBe('Two plus two is four.')
  })
})
