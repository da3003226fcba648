import './demo.css'
import { useId, useState } from 'react'
import { useStream } from 'rivulet/react'
import type { Throttle } from 'rivulet/react'
import { DemoError, DemoStatus } from './demo-readout.tsx'
import { MetricsList } from './metrics-list.tsx'
import { scenarioUrl } from './mock-scenario.ts'
import type { Scenario } from './mock-scenario.ts'

/** Props of the useStream story: the mock scenario plus the hook's throttle. */
export interface StreamDemoProps extends Scenario {
  throttle: Throttle
}

let runs = 0

/** useStream over the mock: a prompt, the four actions and a live readout. */
export function StreamDemo({ throttle, ...scenario }: StreamDemoProps) {
  const promptId = useId()
  const [prompt, setPrompt] = useState('Tell me about rivers')
  const { status, text, error, metrics, isLoading, start, stop, retry, reset } = useStream({
    url: scenarioUrl('/api/stream', scenario),
    format: scenario.format,
    body: (input: unknown) => input,
    retry: { retries: 2, baseDelay: 200 },
    throttle,
  })
  return (
    <section className="demo" aria-label="useStream demo" data-status={status}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          // A run number makes each start its own request body (the mock counts attempts by body).
          void start({ prompt, run: (runs += 1) })
        }}
      >
        <label htmlFor={promptId}>Prompt</label>
        <input id={promptId} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
        <button type="submit">Start</button>
        <button type="button" onClick={stop} disabled={!isLoading}>
          Stop
        </button>
        <button type="button" onClick={() => void retry()}>
          Retry
        </button>
        <button type="button" onClick={reset}>
          Reset
        </button>
      </form>
      <DemoStatus status={status} />
      <p className="demo-text" data-testid="text">
        {text}
      </p>
      <DemoError error={error} />
      <MetricsList metrics={metrics} />
    </section>
  )
}
