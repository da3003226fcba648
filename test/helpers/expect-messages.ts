import { readLines, readSSE, type SSEMessage } from 'rivulet/core'
import { sameUnderEveryChunking, type ChunkingOptions } from './chunkings.ts'

/** Everything `readSSE` reported for one body, in order. */
export interface SSELog {
  messages: SSEMessage[]
  /** `onRetry` and `onId` calls interleaved with the messages, as `retry:N` / `id:X` / `message`. */
  order: string[]
}

/** Reads a transcript with `readSSE` under every chunking; all must agree. */
export function readSSEEvery(
  transcript: string | Uint8Array,
  options?: ChunkingOptions,
): Promise<SSELog> {
  return sameUnderEveryChunking(
    transcript,
    async (body) => {
      const log: SSELog = { messages: [], order: [] }
      const reading = readSSE(body, {
        onRetry: (ms) => log.order.push(`retry:${ms}`),
        onId: (id) => log.order.push(`id:${id}`),
      })
      for await (const message of reading) {
        log.messages.push(message)
        log.order.push('message')
      }
      return log
    },
    options,
  )
}

/** Reads a transcript with `readLines` under every chunking; all must agree. */
export function readLinesEvery(
  transcript: string | Uint8Array,
  options?: ChunkingOptions,
): Promise<string[]> {
  return sameUnderEveryChunking(
    transcript,
    async (body) => {
      const lines: string[] = []
      for await (const line of readLines(body)) lines.push(line)
      return lines
    },
    options,
  )
}
