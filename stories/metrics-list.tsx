import type { StreamMetrics } from 'rivulet/core'

const ms = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value)} ms`)

/** A small readout of a stream's metrics for the stories. */
export function MetricsList({ metrics }: { metrics: StreamMetrics | undefined }) {
  const rate = metrics?.tokensPerSecond
  return (
    <dl className="demo-metrics" aria-label="Metrics">
      <dt>Time to first token</dt>
      <dd data-testid="ttft">{ms(metrics?.ttft)}</dd>
      <dt>Duration</dt>
      <dd>{ms(metrics?.duration)}</dd>
      <dt>Tokens</dt>
      <dd data-testid="tokens">{metrics?.tokens ?? 0}</dd>
      <dt>Tokens per second</dt>
      <dd>{rate === undefined ? '–' : rate.toFixed(1)}</dd>
      <dt>Retries</dt>
      <dd data-testid="retries">{metrics?.retries ?? 0}</dd>
    </dl>
  )
}
