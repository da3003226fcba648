import type { ChunkFramer } from '../read/iterate-chunks.ts'
import type { StreamFraming } from '../parts.ts'
import { createLineFramer, type LineEntry } from '../read/lines.ts'
import { createSSEFramer, type SSEEntry } from '../read/sse.ts'

/**
 * What a body's framing found in one chunk: SSE entries (messages, ids and retries in stream
 * order, then `cut` if the body ended inside a block), NDJSON lines (unparsed; the last one
 * `terminated: false` when the body ended before its newline), or decoded text.
 */
export type Frame = SSEEntry | LineEntry | { type: 'text'; text: string }

/** Splits a body into the frames of its framing, one chunk at a time. */
export type Framer = ChunkFramer<Frame>

/** Decoded text as it arrives, one frame per chunk (a split character comes whole). */
function createTextFramer(): Framer {
  const decoder = new TextDecoder('utf-8')
  const frames = (text: string): Frame[] => (text ? [{ type: 'text', text }] : [])
  return {
    feed: (chunk) => frames(decoder.decode(chunk, { stream: true })),
    end: () => frames(decoder.decode()),
    error: undefined,
  }
}

/**
 * The framer of `framing`. Each call takes a whole chunk and returns its frames, so the
 * decoder above moves one batch per chunk instead of one promise hop per event.
 */
export function createFramer(framing: StreamFraming, maxEventSize: number): Framer {
  if (framing === 'sse') return createSSEFramer(maxEventSize)
  if (framing === 'ndjson') return createLineFramer(maxEventSize)
  return createTextFramer()
}
