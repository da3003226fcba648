import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStream } from 'rivulet/core'
import { mockStream } from 'rivulet/mock'
import type { MockServer } from 'rivulet/mock/server'
import { mockAnswers } from '../helpers/mock-answers.ts'
import { scriptedFetch } from '../helpers/scripted-fetch.ts'
import { startRecordingServer } from './server-harness.ts'

describe('mockStream retryAfter', () => {
  it('sends whole seconds as they are', () => {
    const headers = mockStream({ status: 429, retryAfter: 2 }).headers
    expect(headers.get('retry-after')).toBe('2')
    expect(headers.get('retry-after-ms')).toBeNull()
  })

  it('rounds a fractional wait up to a valid Retry-After and sends it exactly in retry-after-ms', () => {
    const headers = mockStream({ status: 429, retryAfter: 0.25 }).headers
    expect(headers.get('retry-after')).toBe('1')
    expect(headers.get('retry-after-ms')).toBe('250')
  })

  describe('end to end with a fake clock', () => {
    beforeEach(() => {
      vi.useFakeTimers()
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('createStream waits the sub-second retry-after-ms, not the rounded second', async () => {
      const mock = scriptedFetch(
        mockAnswers([{ status: 429, retryAfter: 0.25 }, { text: 'ok then' }]),
      )
      const stream = createStream({
        url: 'http://mock.test/',
        fetch: mock.fetch,
        retry: { retries: 1, baseDelay: 1, jitter: false },
      })
      const settled = stream.start()
      await vi.runAllTimersAsync()
      expect(await settled).toMatchObject({ status: 'done', text: 'ok then' })
      const gap = mock.requests[1]!.at - mock.requests[0]!.at
      expect(gap).toBeGreaterThanOrEqual(250)
      expect(gap).toBeLessThan(1000)
    })
  })

  describe('through the mock server', () => {
    let server: MockServer
    beforeAll(async () => {
      ;({ server } = await startRecordingServer())
    })
    afterAll(async () => {
      await server.close()
    })

    it('the retry-after knob takes fractions and exposes both headers to browsers', async () => {
      const response = await fetch(`${server.url}/chat?status=429&retry-after=0.05`, {
        method: 'POST',
        body: JSON.stringify({ message: 'hi' }),
      })
      expect(response.status).toBe(429)
      expect(response.headers.get('retry-after')).toBe('1')
      expect(response.headers.get('retry-after-ms')).toBe('50')
      expect(response.headers.get('access-control-expose-headers')).toContain('retry-after-ms')
    })
  })
})
