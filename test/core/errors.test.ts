import { describe, expect, test } from 'vitest'
import { StreamError, isStreamError } from 'rivulet/core'

describe('StreamError', () => {
  test.each([
    ['network', undefined, true],
    ['timeout', undefined, true],
    ['truncated', undefined, true],
    ['http', 408, true],
    ['http', 429, true],
    ['http', 500, true],
    ['http', 503, true],
    ['http', 400, false],
    ['http', 401, false],
    ['http', 403, false],
    ['http', 404, false],
    ['parse', undefined, false],
    ['provider', undefined, false],
    ['provider', 529, true],
    ['aborted', undefined, false],
  ] as const)('kind %s with status %s is retryable: %s', (kind, status, retryable) => {
    expect(new StreamError(kind, 'x', { status }).retryable).toBe(retryable)
  })

  test('keeps the partial text, status and cause', () => {
    const cause = new TypeError('socket hang up')
    const error = new StreamError('http', 'Too many requests', {
      status: 429,
      partialText: 'Hello',
      cause,
    })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('StreamError')
    expect(error.status).toBe(429)
    expect(error.partialText).toBe('Hello')
    expect(error.cause).toBe(cause)
  })

  test('withPartialText returns a copy with the text shown at the failure', () => {
    const error = new StreamError('truncated', 'ended early', { partialText: 'Hel' })
    const later = error.withPartialText('Hello')
    expect(later.partialText).toBe('Hello')
    expect(later.kind).toBe('truncated')
    expect(error.partialText).toBe('Hel')
  })

  test('isStreamError recognises errors from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('rivulet.error')]: true })
    expect(isStreamError(foreign)).toBe(true)
    expect(isStreamError(new StreamError('network', 'x'))).toBe(true)
    expect(isStreamError(new Error('x'))).toBe(false)
    expect(isStreamError(null)).toBe(false)
    expect(isStreamError('StreamError')).toBe(false)
  })
})
