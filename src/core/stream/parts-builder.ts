import type { MessagePart, StreamPart, ToolCallPart } from '../parts.ts'
import { createJsonParser, type JsonStreamParser } from '../text/json-stream.ts'

/**
 * Gathers one answer's `MessagePart`s in arrival order. Every change makes a new array that
 * shares the unchanged part objects: only the part that grew is copied (O(parts) per delta,
 * never O(text)), so a snapshot handed out earlier never changes.
 */
export interface PartsBuilder {
  /** The parts so far; a new array after every change, the same one otherwise. */
  readonly parts: MessagePart[]
  /** Appends answer text (merging into a text part at the end). */
  text(text: string): void
  /** Appends reasoning text (merging into a reasoning part at the end). */
  reasoning(text: string): void
  /** Applies a decoded reasoning, tool-call or source part; false when it is not one. */
  part(part: StreamPart): boolean
  /** The stream completed: calls still open are complete, with their arguments parsed. */
  complete(): void
  /** Start over (a restart without event ids). */
  reset(): void
}

const noParts: MessagePart[] = Object.freeze([]) as unknown as MessagePart[]

/** A reasoning part's text may merge with more reasoning: not redacted, not yet signed. */
const mergesReasoning = (part: MessagePart | undefined) =>
  part?.type === 'reasoning' && !part.redacted && part.signature === undefined

/** Creates the parts builder of one stream run. */
export function createPartsBuilder(): PartsBuilder {
  let parts = noParts
  // Open tool calls: their position and the incremental parser of their arguments.
  let calls = new Map<string, { at: number; parser: JsonStreamParser }>()
  const sources = new Set<string>()

  const push = (part: MessagePart) => {
    const next = parts.slice()
    next.push(part)
    parts = next
  }
  const set = (at: number, part: MessagePart) => {
    const next = parts.slice()
    next[at] = part
    parts = next
  }

  function toolCall(part: Extract<StreamPart, { type: `tool-call-${string}` }>) {
    if (part.type === 'tool-call-start') {
      if (calls.has(part.id)) return
      calls.set(part.id, { at: parts.length, parser: createJsonParser() })
      push({ type: 'tool-call', id: part.id, name: part.name, argsText: '', status: 'streaming' })
      return
    }
    const open = calls.get(part.id)
    if (!open) return
    const call = parts[open.at] as ToolCallPart
    if (part.type === 'tool-call-delta') {
      if (part.argsText === '') return
      open.parser.push(part.argsText)
      set(open.at, { ...call, argsText: call.argsText + part.argsText, args: open.parser.value })
      return
    }
    calls.delete(part.id)
    set(open.at, completed(call))
  }

  return {
    get parts() {
      return parts
    },
    text(text) {
      if (text === '') return
      const last = parts[parts.length - 1]
      if (last?.type === 'text') set(parts.length - 1, { type: 'text', text: last.text + text })
      else push({ type: 'text', text })
    },
    reasoning(text) {
      if (text === '') return
      const last = parts[parts.length - 1]
      if (mergesReasoning(last)) {
        set(parts.length - 1, {
          ...(last as MessagePart & { type: 'reasoning' }),
          text: (last as { text: string }).text + text,
        })
      } else push({ type: 'reasoning', text })
    },
    part(part) {
      switch (part.type) {
        case 'reasoning': {
          if ('redacted' in part) {
            push({ type: 'reasoning', text: '', redacted: true, data: part.data })
          } else if (part.signature !== undefined) {
            this.reasoning(part.text)
            const last = parts[parts.length - 1]
            if (last?.type === 'reasoning' && !last.redacted) {
              set(parts.length - 1, { ...last, signature: (last.signature ?? '') + part.signature })
            } else push({ type: 'reasoning', text: '', signature: part.signature })
          } else this.reasoning(part.text)
          return true
        }
        case 'tool-call-start':
        case 'tool-call-delta':
        case 'tool-call-end':
          toolCall(part)
          return true
        case 'source':
          // The same page cited twice is one source.
          if (!sources.has(part.url)) {
            sources.add(part.url)
            push(part.title === undefined ? { type: 'source', url: part.url } : { ...part })
          }
          return true
        default:
          return false
      }
    },
    complete() {
      if (calls.size === 0) return
      const next = parts.slice()
      for (const { at } of calls.values()) next[at] = completed(next[at] as ToolCallPart)
      calls = new Map()
      parts = next
    },
    reset() {
      parts = noParts
      calls = new Map()
      sources.clear()
    },
  }
}

/** The call with status complete and its arguments parsed whole (kept partial if invalid). */
function completed(call: ToolCallPart): ToolCallPart {
  const next: ToolCallPart = { ...call, status: 'complete' }
  try {
    next.args = call.argsText.trim() === '' ? {} : JSON.parse(call.argsText)
  } catch {
    // Invalid arguments stay as the text and the best partial reading; the tool decides.
  }
  return next
}
