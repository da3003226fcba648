import { mockFormats, mockHandler } from 'rivulet/mock'
import type { MockFormat, MockRequestInfo, MockStreamOptions } from 'rivulet/mock'

/** What goes wrong in a story's stream. */
export type Fault =
  'none' | 'rate-limit-then-ok' | 'drop-then-resume' | 'drop-every-time' | 'server-error'

/** The controls the hook stories share: the mock's format, timing and fault. */
export interface Scenario {
  format: MockFormat
  /** Ms between tokens. */
  tokenDelay: number
  /** Ms before the first token. */
  ttft: number
  fault: Fault
}

export const defaultScenario: Scenario = {
  format: 'openai-chat',
  tokenDelay: 30,
  ttft: 300,
  fault: 'none',
}

/** Storybook controls for a {@link Scenario}. */
export const scenarioArgTypes = {
  format: { control: 'select', options: mockFormats, description: 'Wire format the mock speaks' },
  tokenDelay: {
    control: { type: 'range', min: 0, max: 300, step: 5 },
    description: 'ms between tokens',
  },
  ttft: {
    control: { type: 'range', min: 0, max: 3000, step: 50 },
    description: 'ms to the first token',
  },
  fault: {
    control: 'select',
    options: ['none', 'rate-limit-then-ok', 'drop-then-resume', 'drop-every-time', 'server-error'],
    description: 'What goes wrong',
  },
} as const

/** Storybook control for the hooks' `throttle` option. */
export const throttleArgType = {
  control: 'select',
  options: ['frame', '100 ms', 'off'],
  mapping: { frame: 'frame', '100 ms': 100, off: false },
  description: 'How often the hook lets React commit',
} as const

/** The url a story fetches: the scenario travels in the query, so a changed control applies on the next start. */
export function scenarioUrl(path: string, scenario: Scenario): string {
  const { format, tokenDelay, ttft, fault } = scenario
  return `${path}?${new URLSearchParams({ format, tokenDelay: `${tokenDelay}`, ttft: `${ttft}`, fault })}`
}

const sse = new Set<MockFormat>(['openai-chat', 'openai-responses', 'anthropic', 'sse-json'])

/**
 * An msw handler for `path` that reads the scenario from the query. Attempts are counted per
 * distinct url and request body, so "429 then ok" fails the first attempt of every new start and lets
 * its retry through, however often the story runs.
 */
export function scenarioHandler(path: string, text?: string) {
  const attempts = new Map<string, number>()
  return mockHandler(path, (info: MockRequestInfo): MockStreamOptions => {
    const query = new URL(info.request.url).searchParams
    const format = (query.get('format') ?? 'openai-chat') as MockFormat
    const key = `${info.request.url} ${JSON.stringify(info.body ?? null)}`
    const attempt = attempts.get(key) ?? 0
    attempts.set(key, attempt + 1)
    const base: MockStreamOptions = {
      format,
      text,
      tokenDelay: Number(query.get('tokenDelay') ?? 30),
      ttft: Number(query.get('ttft') ?? 0),
      // SSE formats carry event ids, so a dropped stream resumes with Last-Event-ID.
      eventIds: sse.has(format),
    }
    switch (query.get('fault')) {
      case 'rate-limit-then-ok':
        return attempt === 0 ? { ...base, status: 429, retryAfter: 1 } : base
      case 'drop-then-resume':
        return attempt === 0 ? { ...base, fault: 'drop-after:6' } : base
      case 'drop-every-time':
        return { ...base, fault: 'drop-after:6' }
      case 'server-error':
        return { ...base, status: 500, errorMessage: 'The mock server failed on purpose' }
      default:
        return base
    }
  })
}
