import type { MockStreamOptions } from '../mock-options.ts'

/**
 * The timing and fault knobs a request can set, by query string (`?ttft=100&delay=20`) or
 * by header (`x-mock-ttft: 100`); the query string wins.
 */
export const knobNames = [
  'text',
  'ttft',
  'delay',
  'jitter',
  'chunk',
  'seed',
  'status',
  'retry-after',
  'fault',
  'ids',
  'retry',
  'error',
  'reasoning',
  'tools',
  'sources',
  'error-shape',
] as const

/** Thrown for a knob that cannot be read; the server answers it as a bad request. */
export class KnobError extends TypeError {
  override name = 'KnobError'
}

function number(name: string, value: string): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new KnobError(
      `mock server: knob "${name}" must be a number, got ${JSON.stringify(value)}`,
    )
  }
  return n
}

function chunk(value: string): MockStreamOptions['chunkSize'] {
  const range = /^(\d+)\s*[-,]\s*(\d+)$/.exec(value.trim())
  if (range) return [Number(range[1]), Number(range[2])]
  return number('chunk', value)
}

/** Reads the knobs of one request into `mockStream` options. */
export function readKnobs(url: URL, headers: Headers): MockStreamOptions {
  const get = (name: string) => url.searchParams.get(name) ?? headers.get(`x-mock-${name}`)
  const options: MockStreamOptions = {}
  const text = get('text')
  if (text !== null) options.text = text
  const numeric: [string, keyof MockStreamOptions][] = [
    ['ttft', 'ttft'],
    ['delay', 'tokenDelay'],
    ['jitter', 'jitter'],
    ['seed', 'seed'],
    ['status', 'status'],
    ['retry-after', 'retryAfter'],
    ['retry', 'retry'],
  ]
  for (const [knob, option] of numeric) {
    const value = get(knob)
    if (value !== null) (options as Record<string, unknown>)[option] = number(knob, value)
  }
  const size = get('chunk')
  if (size !== null) options.chunkSize = chunk(size)
  const fault = get('fault')
  if (fault !== null) options.fault = fault
  const ids = get('ids')
  if (ids !== null) options.eventIds = ids === '' || ids === '1' || ids === 'true'
  const error = get('error')
  if (error !== null) options.errorMessage = error
  const reasoning = get('reasoning')
  if (reasoning !== null) options.reasoning = reasoning
  const tools = get('tools')
  if (tools !== null) options.toolCalls = jsonList('tools', tools) as MockStreamOptions['toolCalls']
  const sources = get('sources')
  if (sources !== null)
    options.sources = jsonList('sources', sources) as MockStreamOptions['sources']
  const shape = get('error-shape')
  if (shape !== null) options.errorShape = shape as MockStreamOptions['errorShape']
  return options
}

/** A knob holding a JSON array (`tools=[{"name":"get_weather","args":{}}]`). */
function jsonList(name: string, value: string): unknown[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    parsed = undefined
  }
  if (!Array.isArray(parsed)) {
    throw new KnobError(
      `mock server: knob "${name}" must be a JSON array, got ${JSON.stringify(value)}`,
    )
  }
  return parsed
}
