import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { StrictMode, useEffect } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { useStream } from 'rivulet/react'
import type { UseStreamOptions } from 'rivulet/react'
import { chatDone, chatEvent, chatStop, scriptedFetch } from '../helpers/scripted-fetch.ts'
import { fakeStream } from './fake-stream.ts'

const base: UseStreamOptions = {
  url: '/api/complete',
  format: 'openai-chat',
  retry: false,
  throttle: false,
}

function StartsOnMount(props: UseStreamOptions) {
  const { text, status, start } = useStream(props)
  useEffect(() => {
    void start()
  }, [start])
  return <p data-testid="readout">{`${status}:${text}`}</p>
}

const readout = () => screen.getByTestId('readout').textContent

describe('useStream', () => {
  it('sends one request from a mount effect under StrictMode, and keeps it alive', async () => {
    const { fetch, requests } = scriptedFetch()
    render(
      <StrictMode>
        <StartsOnMount {...base} fetch={fetch} />
      </StrictMode>,
    )
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(async () => requests[0]!.push(chatEvent('Hello')))
    await waitFor(() => expect(readout()).toBe('streaming:Hello'))
    // StrictMode's cleanup-and-remount has passed: the request is still the live one.
    expect(requests[0]!.signal?.aborted).toBe(false)
    await act(async () => requests[0]!.end(chatStop, chatDone))
    await waitFor(() => expect(readout()).toBe('done:Hello'))
    expect(requests).toHaveLength(1)
  })

  it('aborts the request when the component unmounts mid-stream', async () => {
    const { fetch, requests } = scriptedFetch()
    const view = render(<StartsOnMount {...base} fetch={fetch} />)
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(async () => requests[0]!.push(chatEvent('Hel')))
    view.unmount()
    await waitFor(() => expect(requests[0]!.signal?.aborted).toBe(true))
    expect(requests).toHaveLength(1)
  })

  it('keeps the text received before an error', async () => {
    const { fetch, requests } = scriptedFetch()
    const { result } = renderHook(() => useStream({ ...base, fetch }))
    act(() => void result.current.start())
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(async () => requests[0]!.push(chatEvent('Half an ')))
    await act(async () => requests[0]!.push(chatEvent('answer')))
    await act(async () => requests[0]!.end())
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.text).toBe('Half an answer')
    expect(result.current.error?.partialText).toBe('Half an answer')
    expect(result.current.isLoading).toBe(false)
  })

  it('uses the url, body and headers of the latest render on the next start', async () => {
    const { fetch, requests } = scriptedFetch()
    const { result, rerender } = renderHook((props: UseStreamOptions) => useStream(props), {
      initialProps: { ...base, fetch, body: { prompt: 'first' } },
    })
    rerender({
      ...base,
      fetch,
      url: '/api/other',
      headers: () => ({ authorization: 'Bearer two' }),
      body: { prompt: 'second' },
    })
    act(() => void result.current.start())
    await waitFor(() => expect(requests).toHaveLength(1))
    expect(requests[0]!.url).toContain('/api/other')
    expect(requests[0]!.json).toEqual({ prompt: 'second' })
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer two')
  })

  it('never re-sends a request when the page becomes visible again', async () => {
    const { fetch, requests } = scriptedFetch()
    render(<StartsOnMount {...base} throttle="frame" fetch={fetch} />)
    await waitFor(() => expect(requests).toHaveLength(1))
    for (const hidden of [true, false, true, false]) {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden })
      act(() => void document.dispatchEvent(new Event('visibilitychange')))
    }
    Reflect.deleteProperty(document, 'hidden')
    await act(async () => requests[0]!.push(chatEvent('once')))
    await act(async () => requests[0]!.end(chatStop, chatDone))
    await waitFor(() => expect(readout()).toBe('done:once'))
    expect(requests).toHaveLength(1)
  })

  it('keeps the identity of its actions across renders', async () => {
    const { fetch, requests } = scriptedFetch()
    const { result } = renderHook(() => useStream({ ...base, fetch }))
    const first = result.current
    act(() => void result.current.start())
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(async () => requests[0]!.push(chatEvent('a')))
    await waitFor(() => expect(result.current.text).toBe('a'))
    expect(result.current).not.toBe(first)
    for (const action of ['start', 'stop', 'retry', 'reset'] as const) {
      expect(result.current[action]).toBe(first[action])
    }
  })

  it('derives isLoading from the status', async () => {
    const { controller, set } = fakeStream()
    const { result } = renderHook(() => useStream({ stream: controller, throttle: false }))
    expect(result.current.isLoading).toBe(false)
    for (const [status, loading] of [
      ['connecting', true],
      ['streaming', true],
      ['retrying', true],
      ['done', false],
      ['aborted', false],
    ] as const) {
      act(() => set({ status }))
      expect(result.current.isLoading).toBe(loading)
    }
  })

  it('restarts when a mount effect starts, stops and starts again in one task', async () => {
    const { controller, calls } = fakeStream()
    renderHook(() => {
      const { start, stop } = useStream({ stream: controller })
      useEffect(() => {
        void start()
        stop()
        void start()
      }, [start, stop])
    })
    expect(calls).toMatchObject({ start: 2, stop: 1 })
  })

  it('renders a controller made outside React and leaves it running on unmount', async () => {
    const { controller, set, calls } = fakeStream()
    const view = render(<StartsOnMount stream={controller} throttle={false} />)
    expect(calls.start).toBe(1)
    act(() => set({ status: 'streaming', text: 'shared' }))
    expect(readout()).toBe('streaming:shared')
    view.unmount()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(calls.stop).toBe(0)
  })

  it('unsubscribes from a bound controller on unmount', () => {
    const { controller, set, listeners } = fakeStream()
    const view = render(<StartsOnMount stream={controller} />)
    act(() => set({ status: 'streaming', text: 'pending frame' }))
    expect(listeners.size).toBe(1)
    view.unmount()
    expect(listeners.size).toBe(0)
  })

  it('says what to do when the bound controller option is removed after the first render', () => {
    const { controller } = fakeStream()
    const { rerender } = renderHook((props: UseStreamOptions) => useStream(props), {
      initialProps: { stream: controller } as UseStreamOptions,
    })
    // React reports the render error on the console as well; the thrown message is what matters.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => rerender({ url: '/api/complete' })).toThrow(/`stream` option was given/)
    quiet.mockRestore()
  })

  it('treats the click event of onClick={start} as no input, sending no body', async () => {
    const { fetch, requests } = scriptedFetch()
    function Button() {
      const { start, status } = useStream({ url: '/api/complete', retry: false, fetch })
      return (
        <button type="button" onClick={start} data-status={status}>
          Start
        </button>
      )
    }
    render(<Button />)
    act(() => screen.getByRole('button', { name: 'Start' }).click())
    await waitFor(() => expect(requests).toHaveLength(1))
    expect(requests[0]!.body).toBeUndefined()
    expect(screen.getByRole('button').dataset.status).not.toBe('error')
  })
})
