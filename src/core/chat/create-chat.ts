import { isActive, type StreamStatus } from '../status.ts'
import { createStream } from '../stream/create-stream.ts'
import { safeCall } from '../stream/safe-call.ts'
import type { StreamOptions, StreamSnapshot } from '../stream/types.ts'
import { defaultChatBody, indexOfMessage, newMessageId, replaceMessage } from './messages.ts'
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
    if (s.lastError) next.lastError = s.lastError
    snapshot = Object.freeze(next)
    for (const listener of [...listeners]) safeCall(listener, undefined)
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
    // No publish here: start() dispatches at once, so the new turn is first seen together with
    // its `connecting` status, never with the last turn's settled status or error.
    const result = await stream.start(context)
    // Not gated on `activeId`: a listener may already have sent the next turn; this one finished.
    if (result.status !== 'done') return
    const message = messages.find((m) => m.id === id)
    if (message) safeCall(options.onFinish, message)
  }

  /** Misuse throws at once, before anything changes (STYLE §11.9). */
  function misuse(message: string): never {
    throw new Error(`rivulet createChat: ${message}`)
  }

  /**
   * Answers again from `target`: an assistant answer is replaced where it stands and keeps its
   * id; a user message (with `content`, rewritten; it keeps its id) gets a new answer. What
   * followed answered the old text, so it goes.
   */
  function answerAgain(target: ChatMessage, content?: string): Promise<void> {
    halt()
    const at = indexOfMessage(messages, target.id)
    if (target.role === 'assistant') {
      const context = messages.slice(0, at)
      messages = [...context, placeholder(target.id)]
      return answer(context, target.id)
    }
    const context = messages.slice(0, at + 1)
    if (content !== undefined) context[at] = { ...context[at]!, content }
    const assistant = placeholder()
    messages = [...context, assistant]
    return answer(context, assistant.id)
  }

  function regenerate(messageId?: string): Promise<void> {
    if (messageId === undefined) {
      const last = messages[messages.length - 1]
      if (!last) return Promise.resolve()
      return answerAgain(last)
    }
    const target = messages.find((m) => m.id === messageId)
    if (!target) {
      misuse(
        `regenerate("${messageId}"): no message has this id. Did you mean regenerate() for the last answer?`,
      )
    }
    if (target.role === 'system') {
      misuse(
        `regenerate("${messageId}"): this is a system message. Give the id of an assistant answer (or of a user message to answer it again).`,
      )
    }
    return answerAgain(target)
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
    edit(messageId, content) {
      const target = messages.find((m) => m.id === messageId)
      if (!target) misuse(`edit("${messageId}"): no message has this id.`)
      if (target.role !== 'user') {
        const hint =
          target.role === 'assistant'
            ? `Did you mean regenerate("${messageId}") to get a new answer?`
            : 'Did you mean setMessages() to change it?'
        misuse(
          `edit("${messageId}"): this is ${target.role === 'assistant' ? 'an assistant' : 'a system'} message; only user messages are edited and resent. ${hint}`,
        )
      }
      return answerAgain(target, content)
    },
    retry: () => regenerate(),
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
      // History first: the stream's reset notifies, and must not show the old turns as idle.
      messages = initial()
      stream.reset()
      publish()
    },
  }
}
