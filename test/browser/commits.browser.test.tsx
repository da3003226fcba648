import { Profiler, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mockHandler } from 'rivulet/mock'
import { useStream } from 'rivulet/react'
import type { Throttle } from 'rivulet/react'

// 1,000 tokens, 1 ms apart, through the msw service worker, as a page would get them.
const tokens = Array.from({ length: 1000 }, (_, i) => ` t${i}`)
const worker = setupWorker(
  mockHandler('/api/commits', { format: 'openai-chat', tokens, tokenDelay: 1 }),
)

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' })
})
afterAll(() => worker.stop())

interface Run {
  commits: number
  frames: number
  text: string
  status: string
}

/** Streams the 1,000 tokens once and counts React commits and animation frames meanwhile. */
function measure(throttle: Throttle): Promise<Run> {
  return new Promise((resolve) => {
    const container = document.createElement('div')
    document.body.append(container)
    const root = createRoot(container)
    let commits = 0
    let frames = 0
    let counting = true
    const countFrames = () => {
      if (!counting) return
      frames += 1
      requestAnimationFrame(countFrames)
    }
    function Reader() {
      const { text, status, start } = useStream({
        url: '/api/commits',
        format: 'openai-chat',
        retry: false,
        throttle,
      })
      useEffect(() => {
        requestAnimationFrame(countFrames)
        void start().then((result) => {
          counting = false
          // The result settles in the same task as the final commit; let React finish it.
          setTimeout(() => {
            resolve({ commits, frames, text: result.text, status: result.status })
            root.unmount()
            container.remove()
          }, 50)
        })
      }, [start])
      return <p data-status={status}>{text}</p>
    }
    root.render(
      <Profiler id="reader" onRender={(_, phase) => phase === 'update' && (commits += 1)}>
        <Reader />
      </Profiler>,
    )
  })
}

describe('useStream in Chromium', () => {
  it('commits at most once per animation frame (+1 for the final state) for 1,000 tokens at 1 ms', async () => {
    const run = await measure('frame')
    console.info(`throttle 'frame': ${run.commits} commits, ${run.frames} frames`)
    expect(run.status).toBe('done')
    expect(run.text).toBe(tokens.join(''))
    expect(run.commits).toBeGreaterThan(0)
    expect(run.commits).toBeLessThanOrEqual(run.frames + 1)
  })

  it('commits far more often without the throttle, which is what the throttle saves', async () => {
    const run = await measure(false)
    console.info(`throttle false: ${run.commits} commits, ${run.frames} frames`)
    expect(run.text).toBe(tokens.join(''))
    expect(run.commits).toBeGreaterThan(run.frames + 1)
  })
})
