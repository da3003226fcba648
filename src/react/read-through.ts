import type { StreamOptions } from 'rivulet/core'

/**
 * An options object whose `keys` read `latest.current[key]` each time they are read, so a
 * controller created once sees the url, body, headers and callbacks of the last render when
 * it next starts. Keys not listed (`throttle`, `stream`, `chat`) never reach the controller.
 */
export function readThrough<T extends object>(
  latest: { readonly current: T },
  keys: readonly (keyof T)[],
): Partial<T> {
  const view: Partial<T> = {}
  for (const key of keys) {
    Object.defineProperty(view, key, { enumerable: true, get: () => latest.current[key] })
  }
  return view
}

/** The `createStream` options a hook passes through; the rest (`throttle`, `stream`) are its own. */
export const STREAM_OPTION_KEYS = [
  'url',
  'method',
  'headers',
  'body',
  'fetch',
  'format',
  'retry',
  'resume',
  'timeout',
  'smooth',
  'output',
  'transform',
  'onPart',
  'onFinish',
  'onError',
] as const satisfies readonly (keyof StreamOptions)[]
