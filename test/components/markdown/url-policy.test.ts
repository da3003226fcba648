import { defaultUrlTransform, isImageAllowed, isSafeUrl } from 'rivulet/components'
import { describe, expect, test } from 'vitest'

describe('given the default URL policy', () => {
  test.each([
    'https://example.com/a?b=c#d',
    'http://example.com',
    'mailto:someone@example.com',
    'tel:+15551234',
    '/relative/path',
    'relative/path',
    '#fragment',
    '?query=1',
    'path/with:colon',
  ])('keeps %s', (url) => {
    expect(isSafeUrl(url)).toBe(true)
    expect(defaultUrlTransform(url, 'href')).toBe(url)
  })

  test.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0000script:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript&colon;alert(1)',
    'javascript&#58;alert(1)',
    '%6A%61vascript:alert(1)',
    '%256Aavascript:alert(1)',
    'jav\\ascript:alert(1)',
    'java\u200bscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'file:///etc/passwd',
    'blob:https://example.com/uuid',
  ])('drops %j', (url) => {
    expect(isSafeUrl(url)).toBe(false)
    expect(defaultUrlTransform(url, 'href')).toBeNull()
  })
})

describe('given the image host policy', () => {
  test('allows same-origin images and nothing else by default', () => {
    expect(isImageAllowed('/a.png')).toBe(true)
    expect(isImageAllowed('https://cdn.example/a.png')).toBe(false)
    expect(isImageAllowed('//cdn.example/a.png')).toBe(false)
    expect(isImageAllowed('\\\\cdn.example/a.png')).toBe(false)
    expect(isImageAllowed('/\\cdn.example/a.png')).toBe(false)
  })

  test('allows listed hosts, subdomain patterns and the wildcard', () => {
    expect(isImageAllowed('https://cdn.example/a.png', ['cdn.example'])).toBe(true)
    expect(isImageAllowed('https://x.cdn.example/a.png', ['cdn.example'])).toBe(false)
    expect(isImageAllowed('https://x.cdn.example/a.png', ['*.cdn.example'])).toBe(true)
    expect(isImageAllowed('https://evilcdn.example/a.png', ['*.cdn.example'])).toBe(false)
    expect(isImageAllowed('https://any.example/a.png', ['*'])).toBe(true)
  })
})
