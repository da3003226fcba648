/** Which attribute a URL is for: a link's `href` or an image's `src`. */
export type UrlKey = 'href' | 'src'

/**
 * Decides the URL a link or image gets: return the URL to use, or `null`/`undefined`/`''`
 * to drop it (a link then renders as plain text, an image as a placeholder).
 */
export type UrlTransform = (url: string, key: UrlKey) => string | null | undefined

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])

const NAMED_ENTITIES: Record<string, string> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  bsol: '\\',
  lpar: '(',
  rpar: ')',
  period: '.',
  amp: '&',
  nbsp: ' ',
}

// Character references, in case a URL reaches us still encoded (the parser decodes them in
// markdown, but `defaultUrlTransform` is also public and may see raw attribute text).
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, body: string) => {
    const lower = body.toLowerCase()
    if (lower.startsWith('#x')) return safeChar(parseInt(lower.slice(2), 16), whole)
    if (lower.startsWith('#')) return safeChar(parseInt(lower.slice(1), 10), whole)
    return NAMED_ENTITIES[lower] ?? whole
  })
}

function safeChar(code: number, fallback: string): string {
  return Number.isFinite(code) && code >= 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : fallback
}

// %-decoding byte by byte: only the ASCII a scheme is made of matters here, and a malformed
// sequence must not throw (decodeURIComponent would).
const percentDecode = (value: string) =>
  value.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/**
 * The string a browser would see when it looks for the scheme: entities, backslash escapes and
 * percent-encoding decoded (repeatedly, for double encoding), then every ASCII control
 * character, space and invisible format character removed — browsers strip leading C0 controls
 * and spaces and drop tabs and newlines anywhere, so `java\tscript:` is `javascript:`.
 */
export function canonicalizeUrl(url: string): string {
  let value = url
  for (let i = 0; i < 4; i++) {
    const next = percentDecode(decodeEntities(value.replace(/\\(.)/g, '$1')))
    if (next === value) break
    value = next
  }
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '')
}

/** The URL's scheme in lower case, or `undefined` for a relative URL. */
export function urlScheme(url: string): string | undefined {
  const value = canonicalizeUrl(url)
  const colon = value.indexOf(':')
  if (colon === -1) return undefined
  const beforeColon = value.slice(0, colon)
  // A colon after the first / ? or # is part of a path, query or fragment: relative URL.
  if (/[/?#]/.test(beforeColon)) return undefined
  return beforeColon.toLowerCase()
}

/** True for http(s), mailto, tel and relative URLs; false for anything else. */
export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url)
  return scheme === undefined || SAFE_SCHEMES.has(scheme)
}

/**
 * The default URL policy (`urlTransform`): keeps http(s), mailto, tel and relative URLs
 * and drops every other scheme (`javascript:`, `data:`, `vbscript:`, `file:`, …), whatever
 * the disguise.
 */
export const defaultUrlTransform: UrlTransform = (url) => (isSafeUrl(url) ? url : null)

/** The host of an absolute or protocol-relative URL, or `undefined` for a same-origin one. */
function foreignHost(url: string): string | null | undefined {
  // Browsers read `\` as `/` in http(s) URLs, so `\\host/x` is protocol-relative.
  const value = canonicalizeUrl(url.replace(/\\/g, '/'))
  const scheme = urlScheme(value)
  if (scheme === undefined && !value.startsWith('//')) return undefined
  try {
    return new URL(value, 'https://same-origin.invalid').hostname.toLowerCase()
  } catch {
    return null
  }
}

/**
 * Whether an image may be loaded: same-origin (relative) images always; images from another
 * host only when the host is allowed (`'*'` allows every host; `'.example.com'` or
 * `'*.example.com'` allows subdomains). Loading an image is a request the reader did not ask
 * for, so a prompt-injected answer could leak data in its URL: that is why the default is no.
 */
export function isImageAllowed(url: string, allowedHosts: readonly string[] = []): boolean {
  const host = foreignHost(url)
  if (host === undefined) return true
  if (host === null || host === 'same-origin.invalid') return false
  return allowedHosts.some((entry) => {
    const allowed = entry.toLowerCase()
    if (allowed === '*') return true
    if (allowed.startsWith('*.') || allowed.startsWith('.')) {
      const suffix = allowed.slice(allowed.indexOf('.'))
      return host.endsWith(suffix) || host === suffix.slice(1)
    }
    return host === allowed
  })
}
