/**
 * `url` with `params` added to its query (before any `#fragment`). Works on relative URLs
 * too, which `URL` cannot parse without a base.
 */
export function withQuery(url: string, params: readonly (readonly [string, string])[]): string {
  if (params.length === 0) return url
  const hash = url.indexOf('#')
  const base = hash === -1 ? url : url.slice(0, hash)
  const fragment = hash === -1 ? '' : url.slice(hash)
  const query = params
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&')
  const separator = !base.includes('?') ? '?' : /[?&]$/.test(base) ? '' : '&'
  return `${base}${separator}${query}${fragment}`
}

/** A header value spelt as UTF-8 bytes (as `buildRequest` sends a last event ID) read back. */
export function fromByteString(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value)) return value
  const bytes = Uint8Array.from(value, (char) => char.charCodeAt(0))
  return new TextDecoder().decode(bytes)
}
