import { describe, expect, it, vi } from 'vitest'

// As if msw (an optional peer) were not installed: any import of it fails.
vi.mock('msw', () => {
  throw new Error('Cannot find package msw')
})

describe('rivulet/mock/stream without msw', () => {
  it('streams and replays with msw missing', async () => {
    const { mockStream, recordStream, replayStream } = await import('rivulet/mock/stream')
    const { response, cassette } = recordStream(
      mockStream({ format: 'text', text: 'no msw needed' }),
    )
    expect(await response.text()).toBe('no msw needed')
    expect(await replayStream(await cassette, { speed: 0 }).text()).toBe('no msw needed')
  })

  it('is what to import instead of rivulet/mock, which needs msw for mockHandler', async () => {
    await expect(import('rivulet/mock')).rejects.toThrow()
  })
})
