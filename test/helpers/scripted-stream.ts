import {
  createStream,
  type StreamController,
  type StreamOptions,
  type StreamSnapshot,
} from 'rivulet/core'
import { scriptedFetch } from './scripted-fetch.ts'

/**
 * A stream whose requests play `steps`: `createStream` on the script's fetch, at `/api` in
 * the `openai-chat` format unless `options` say otherwise.
 */
export function scriptedStream(
  steps: Parameters<typeof scriptedFetch>[0],
  options: Partial<StreamOptions> = {},
) {
  const script = scriptedFetch(steps)
  const stream = createStream({
    url: '/api',
    format: 'openai-chat',
    fetch: script.fetch,
    ...options,
  })
  return { ...script, stream }
}

/** Every snapshot `stream` publishes from now on, in order. */
export function recordSnapshots(stream: StreamController): StreamSnapshot[] {
  const seen: StreamSnapshot[] = []
  stream.subscribe(() => seen.push(stream.getSnapshot()))
  return seen
}
