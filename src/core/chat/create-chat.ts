import { isActive, type StreamStatus } from '../status.ts'
import { createStream } from '../stream/create-stream.ts'
import type { StreamOptions, StreamSnapshot } from '../stream/types.ts'
import {
  defaultChatBody,
  indexOfMessage,
  lastOfRole,
  messagesBefore,
  newMessageId,
  replaceMessage,
} from './messages.ts'
import type { ChatController, ChatMessage, ChatOptions, ChatSnapshot } from './types.ts'

function messageStatus(status: StreamStatus): ChatMessage['status'] | undefined {
  if (isActive(status)) return 'streaming'
  if (status === 'done' || status === 'error' || status === 'aborted') return status
  return undefined
}

/** The assistant message `id` as the stream shows it now. */
function mirror(message: ChatMessage, s: StreamSnapshot): ChatMessage {
  const next: ChatMessage = { ...message, content: s.text, metrics: s.metrics }
  const status = messageStatus(s.status)
  if (status) next.status = status
  if (s.reasoning !== undefined) next.reasoning = s.reasoning
  if (s.error) next.error = s.error
  else delete next.error
  return next
}

/**
 * Creates a chat controller: a history of messages over one `createStream`. Each turn sends the
 * complete context (`options.body(messages)`, default `{ messages: [{ role, content }] }`) and
 * streams the answer into an assistant message that keeps its status, error and metrics.
 *
 * @example
 * const chat = createChat({ url: '/api/chat', format: 'openai-chat' })
 * await chat.send('Hello')
 */
export function createChat(options: ChatOptions): ChatController {
  const generateId = () => (options.generateId ?? newMessageId)()
  const initial = () => options.initialMessages?.slice() ?? []
  let messages: ChatMessage[] = initial()
  let activeId: string | undefined
  let snapshot: ChatSnapshot = Object.freeze({ messages, status: 'idle' as StreamStatus })
  const listeners = new Set<() => void>()

  // Options are read through, not copied, so an adapter can keep them fresh (getters, latest-ref).
  // Only `body` and `onFinish` differ: the chat builds the body and reports finished messages.
  const streamOptions: StreamOptions = Object.create(options, {
    body: {
      value: (context: unknown) => (options.body ?? defaultChatBody)(context as ChatMessage[]),
    },
    onFinish: { value: undefined },
  })
  const stream = createStream(streamOptions)

  const publish = () => {
    const s = stream.getSnapshot()
    const next: ChatSnapshot = { messages, status: s.status }
    if (s.error) next.error = s.error
    snapshot = Object.freeze(next)
    for (const listener of [...listeners]) listener()
  }

  stream.subscribe(() => {
    const s = stream.getSnapshot()
    if (
      activeId !== undefined &&
      s.status !== 'idle' &&
      indexOfMessage(messages, activeId) !== -1
    ) {
      messages = replaceMessage(messages, activeId, (m) => mirror(m, s))
    }
    publish()
  })

  /** Stops a running answer first, so its message is marked aborted before anything moves. */
  const halt = () => {
    if (isActive(stream.getSnapshot().status)) stream.stop()
  }

  const placeholder = (id = generateId()): ChatMessage => ({
    id,
    role: 'assistant',
    content: '',
    status: 'streaming',
    createdAt: Date.now(),
  })

  /** Streams the answer to `context` into the (already listed) assistant message `id`. */
  async function answer(context: ChatMessage[], id: string): Promise<void> {
    activeId = id
    publish()
    const result = await stream.start(context)
    if (result.status !== 'done' || activeId !== id) return
    const message = messages.find((m) => m.id === id)
    if (message && options.onFinish) {
      try {
        options.onFinish(message)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  async function regenerate(messageId?: string): Promise<void> {
    halt()
    const target =
      messageId === undefined
        ? lastOfRole(messages, 'assistant')
        : messages.find((m) => m.id === messageId)
    if (!target || target.role !== 'assistant') return
    const context = messagesBefore(messages, target.id)
    // Only this answer is replaced; it keeps its id and place.
    messages = replaceMessage(messages, target.id, () => placeholder(target.id))
    return answer(context, target.id)
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    async send(content) {
      halt()
      const user: ChatMessage = { id: generateId(), role: 'user', content, createdAt: Date.now() }
      const context = [...messages, user]
      const assistant = placeholder()
      messages = [...context, assistant]
      return answer(context, assistant.id)
    },
    stop: () => stream.stop(),
    regenerate,
    async edit(messageId, content) {
      halt()
      const at = indexOfMessage(messages, messageId)
      if (at === -1) return
      const edited: ChatMessage = { ...messages[at]!, content }
      if (edited.role !== 'user') {
        messages = replaceMessage(messages, messageId, () => edited)
        return publish()
      }
      const context = [...messages.slice(0, at), edited]
      const assistant = placeholder()
      messages = [...context, assistant]
      return answer(context, assistant.id)
    },
    async retry() {
      halt()
      const last = messages[messages.length - 1]
      if (!last) return
      if (last.role === 'assistant') return regenerate(last.id)
      const context = messages.slice()
      const assistant = placeholder()
      messages = [...context, assistant]
      return answer(context, assistant.id)
    },
    setMessages(update) {
      messages = typeof update === 'function' ? update(messages.slice()) : update.slice()
      if (activeId !== undefined && indexOfMessage(messages, activeId) === -1) {
        activeId = undefined
        halt()
      }
      publish()
    },
    reset() {
      activeId = undefined
      stream.reset()
      messages = initial()
      publish()
    },
  }
}
