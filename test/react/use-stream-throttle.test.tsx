import { act, render, screen } from '@testing-library/react'
import { Profiler } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useStream } from 'rivulet/react'
import type { UseStreamOptions } from 'rivulet/react'
import { fakeStream } from './fake-stream.ts'

function Readout(props: UseStreamOptions) {
  const { status, text } = useStream(props)
  return <p data-testid="readout">{`${status}:${text}`}</p>
}

function renderCounting(props: UseStreamOptions) {
  const commits = { count: 0 }
  render(
    <Profiler id="readout" onRender={() => (commits.count += 1)}>
      <Readout {...props} />
    </Profiler>,
  )
  commits.count = 0
  return commits
}

const readout = () => screen.getByTestId('readout').textContent

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden })
  document.dispatchEvent(new Event('visibilitychange'))
}

afterEach(() => {
  // Restore jsdom's own `document.hidden` getter from the prototype.
  Reflect.deleteProperty(document, 'hidden')
  vi.useRealTimers()
})

describe('useStream throttle', () => {
  it("commits a burst of tokens once per animation frame by default ('frame')", async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout'] })
    const { controller, set } = fakeStream()
    const commits = renderCounting({ stream: controller })
    act(() => {
      set({ status: 'streaming' })
      for (let i = 0; i < 50; i += 1) set({ text: 'x'.repeat(i + 1) })
    })
    expect(commits.count).toBe(0)
    await act(async () => vi.advanceTimersToNextFrame())
    expect(commits.count).toBe(1)
    expect(readout()).toBe(`streaming:${'x'.repeat(50)}`)
  })

  it('reads the snapshot per commit, not per update: the throttle asks only for the status', async () => {
    // With output 'json' each getSnapshot() after a change parses and copies the open value.
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout'] })
    const { controller, set, calls } = fakeStream()
    renderCounting({ stream: controller })
    act(() => set({ status: 'streaming' }))
    await act(async () => vi.advanceTimersToNextFrame())
    calls.getSnapshot = 0
    act(() => {
      for (let i = 0; i < 50; i += 1) set({ text: 'x'.repeat(i + 1) })
    })
    await act(async () => vi.advanceTimersToNextFrame())
    expect(readout()).toBe(`streaming:${'x'.repeat(50)}`)
    // React's check on the frame's change and its render: a few reads, far fewer than 50.
    expect(calls.getSnapshot).toBeLessThanOrEqual(5)
  })

  it('commits at most once per interval when throttle is a number of milliseconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    const { controller, set } = fakeStream()
    const commits = renderCounting({ stream: controller, throttle: 100 })
    set({ status: 'streaming', text: 'a' })
    await act(async () => vi.advanceTimersByTimeAsync(0))
    expect(commits.count).toBe(1)
    for (let i = 0; i < 10; i += 1) {
      act(() => set({ text: `a${'b'.repeat(i + 1)}` }))
      await act(async () => vi.advanceTimersByTimeAsync(10))
    }
    // 100 ms of tokens after the first commit: one more commit, not ten.
    expect(commits.count).toBe(2)
    expect(readout()).toBe(`streaming:a${'b'.repeat(10)}`)
  })

  it('commits every change when throttle is false', () => {
    const { controller, set } = fakeStream()
    const commits = renderCounting({ stream: controller, throttle: false })
    act(() => set({ status: 'streaming', text: 'a' }))
    act(() => set({ text: 'ab' }))
    act(() => set({ text: 'abc' }))
    expect(commits.count).toBe(3)
    expect(readout()).toBe('streaming:abc')
  })

  it('commits the final state at once, without waiting for a frame', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    const { controller, set } = fakeStream()
    renderCounting({ stream: controller })
    act(() => {
      set({ status: 'streaming', text: 'Hello' })
      set({ status: 'done', text: 'Hello world' })
    })
    expect(readout()).toBe('done:Hello world')
  })

  it('holds commits while the page is hidden and catches up in one commit on return', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    const { controller, set } = fakeStream()
    const commits = renderCounting({ stream: controller })
    act(() => setHidden(true))
    act(() => set({ status: 'streaming', text: 'a' }))
    for (let i = 0; i < 5; i += 1) {
      act(() => set({ text: `a${'b'.repeat(i + 1)}` }))
      await act(async () => vi.advanceTimersToNextFrame())
    }
    expect(commits.count).toBe(0)
    act(() => setHidden(false))
    expect(commits.count).toBe(1)
    expect(readout()).toBe('streaming:abbbbb')
  })

  it('commits an error that arrives while the page is hidden, keeping the text', () => {
    const { controller, set } = fakeStream()
    renderCounting({ stream: controller })
    act(() => setHidden(true))
    act(() => set({ status: 'streaming', text: 'partial' }))
    act(() => set({ status: 'error' }))
    expect(readout()).toBe('error:partial')
  })
})
