import type { SSEMessage } from 'rivulet/core'
import type { SSELog } from './expect-messages.ts'

/**
 * The WHATWG "interpreting an event stream" steps written out literally over a whole body,
 * as an oracle for readSSE: no chunking, no speed tricks, one branch per sentence of the spec.
 * The log has the same shape as readSSEEvery's: ids are reported when a block that set one
 * ends (as eventsource-parser's onId does), retries when their line is read.
 */
export function referenceSSE(bytes: Uint8Array): SSELog {
  // "UTF-8 decode": replacement characters, and one leading BOM removed.
  const text = new TextDecoder('utf-8').decode(bytes)
  const log: SSELog = { messages: [], order: [] }
  let data = ''
  let eventType = ''
  let lastEventIdBuffer = ''
  let lastEventId: string | undefined
  let blockSetId = false

  const dispatch = () => {
    if (blockSetId) {
      lastEventId = lastEventIdBuffer
      log.order.push(`id:${lastEventId}`)
    }
    blockSetId = false
    if (data === '') {
      eventType = ''
      return
    }
    if (data.endsWith('\n')) data = data.slice(0, -1)
    const message: SSEMessage = { data }
    if (eventType !== '') message.event = eventType
    if (lastEventId !== undefined) message.id = lastEventId
    log.messages.push(message)
    log.order.push('message')
    data = ''
    eventType = ''
  }

  const field = (name: string, value: string) => {
    if (name === 'event') eventType = value
    else if (name === 'data') data += `${value}\n`
    else if (name === 'id') {
      if (!value.includes('\0')) {
        lastEventIdBuffer = value
        blockSetId = true
      }
    } else if (name === 'retry') {
      if (/^[0-9]+$/.test(value)) log.order.push(`retry:${Number.parseInt(value, 10)}`)
    }
  }

  // Lines end at CRLF, LF or CR; text after the last line end is an incomplete line, dropped.
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c !== '\n' && c !== '\r') continue
    const line = text.slice(start, i)
    if (c === '\r' && text[i + 1] === '\n') i++
    start = i + 1
    if (line === '') dispatch()
    else if (line.startsWith(':')) continue
    else if (line.includes(':')) {
      const colon = line.indexOf(':')
      const value = line.slice(colon + 1)
      field(line.slice(0, colon), value.startsWith(' ') ? value.slice(1) : value)
    } else field(line, '')
  }
  return log
}
