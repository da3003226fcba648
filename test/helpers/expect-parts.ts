import {
  decodeResponse,
  type DecodeOptions,
  type StreamFormat,
  type StreamPart,
} from 'rivulet/core'
import { sameUnderEveryChunking, type ChunkingOptions } from './chunkings.ts'

/** A stream part with its error flattened to plain fields, so results compare with toEqual. */
export type PlainPart =
  | Exclude<StreamPart, { type: 'error' }>
  | {
      type: 'error'
      kind: string
      message: string
      partialText: string
      retryable: boolean
      status?: number
      code?: string
    }

/** Flattens error parts; with `merge`, adjacent text parts become one. */
export function plainParts(parts: StreamPart[], merge = false): PlainPart[] {
  const plain: PlainPart[] = []
  for (const part of parts) {
    const last = plain[plain.length - 1]
    if (merge && part.type === 'text' && last?.type === 'text') {
      plain[plain.length - 1] = { type: 'text', text: last.text + part.text }
    } else if (part.type === 'error') {
      const { kind, message, partialText, retryable, status, code } = part.error
      plain.push({
        type: 'error',
        kind,
        message,
        partialText,
        retryable,
        ...(status === undefined ? {} : { status }),
        ...(code === undefined ? {} : { code }),
      })
    } else {
      plain.push(part)
    }
  }
  return plain
}

/** The decoded text of some parts. */
export function textOf(parts: PlainPart[]): string {
  return parts.map((part) => (part.type === 'text' ? part.text : '')).join('')
}

/** How `decodeEvery` decodes a transcript under each chunking. */
export interface DecodeEveryOptions extends ChunkingOptions {
  contentType?: string
  /** Merge adjacent text parts (needed when the format's parts follow the chunks). */
  merge?: boolean
  failWith?: unknown
  decode?: DecodeOptions
}

/**
 * Decodes a transcript with `decodeResponse` under every chunking, checks they all agree and
 * returns the flattened parts.
 */
export function decodeEvery(
  transcript: string | Uint8Array,
  format: StreamFormat,
  options: DecodeEveryOptions = {},
): Promise<PlainPart[]> {
  return sameUnderEveryChunking(
    transcript,
    async (body) => {
      const headers = options.contentType ? { 'content-type': options.contentType } : undefined
      const parts: StreamPart[] = []
      for await (const part of decodeResponse(
        new Response(body, { headers }),
        format,
        options.decode,
      )) {
        parts.push(part)
      }
      return plainParts(parts, options.merge)
    },
    options,
  )
}
