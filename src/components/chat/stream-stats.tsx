import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import type { StreamMetrics } from 'rivulet/core'
import { useChatContext } from './chat-context.ts'
import { useOptionalMessage } from './message-context.ts'
import { Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link StreamStats}. */
export interface StreamStatsProps extends ComponentPropsWithoutRef<'dl'>, AsChildProps {
  /** The metrics to show; default the `Message`'s, or the last answer's outside a message. */
  metrics?: StreamMetrics
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/**
 * Time to first token, tokens per second and duration of an answer, as a `dl`
 * (`data-slot="stream-stats"`). Values not known yet are left out.
 */
export const StreamStats = /* @__PURE__ */ forwardRef<HTMLDListElement, StreamStatsProps>(
  function StreamStats({ metrics: metricsProp, asChild, ...rest }, ref) {
    const { chat, labels } = useChatContext('StreamStats')
    const message = useOptionalMessage()?.message
    const metrics =
      metricsProp ?? (message ?? chat.messages.findLast((m) => m.role === 'assistant'))?.metrics
    if (!metrics) return null
    const rows: [string, string][] = []
    if (metrics.ttft !== undefined) rows.push([labels.timeToFirstToken, seconds(metrics.ttft)])
    if (metrics.tokensPerSecond !== undefined) {
      rows.push([labels.tokensPerSecond, `${metrics.tokensPerSecond.toFixed(1)} tokens/s`])
    }
    if (metrics.duration !== undefined) rows.push([labels.duration, seconds(metrics.duration)])
    const Element = asChild ? Slot : 'dl'
    return (
      <Element data-slot="stream-stats" {...rest} ref={ref}>
        {rows.map(([term, value]) => (
          <div key={term} data-slot="stream-stats-item">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </Element>
    )
  },
)
