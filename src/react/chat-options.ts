import type { ChatMessage, ChatOptions } from 'rivulet/core'
import { STREAM_OPTION_KEYS, readThrough } from './read-through.ts'

// API.md's documented default chat body, for when a later render removes `body`.
const defaultBody = (messages: ChatMessage[]) => ({
  messages: messages.map(({ role, content }) => ({ role, content })),
})

/**
 * `createChat` options that follow the latest render. createChat copies its stream options
 * once, when it is created, so reading through getters is not enough: url, fetch, headers,
 * body and the callbacks go in as stable functions that look at `latest.current` when called.
 */
export function latestChatOptions(latest: { readonly current: ChatOptions }): ChatOptions {
  const now = () => latest.current
  return {
    ...readThrough(latest, [...STREAM_OPTION_KEYS, 'initialMessages', 'generateId']),
    // The controller calls fetch with the url it was created with; the latest one wins.
    fetch: (input, init) => (now().fetch ?? globalThis.fetch)(now().url ?? input, init),
    headers: () => {
      const headers = now().headers
      return (typeof headers === 'function' ? headers() : headers) ?? {}
    },
    body: (messages) => (now().body ?? defaultBody)(messages),
    onPart: (part) => now().onPart?.(part),
    onError: (error) => now().onError?.(error),
    onFinish: (message) => now().onFinish?.(message),
  }
}
