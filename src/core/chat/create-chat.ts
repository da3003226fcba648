import { isActive, type StreamStatus } from '../status.ts'
import { createStream } from '../stream/create-stream.ts'
import { safeCall } from '../stream/safe-call.ts'
import type { MessagePart } from '../parts.ts'
import type { StreamOptions, StreamSnapshot } from '../stream/types.ts'
import { createBranches } from './branches.ts'
import { defaultChatBody, indexOfMessage, newMessageId, replaceMessage } from './messages.ts'
import { isOpen, toolCallsOf, toolError, withToolResult } from './tool-results.ts'
import type { ChatController, ChatMessage, ChatOptions, ChatSnapshot } from './types.ts'

function messageStatus(status: StreamStatus): ChatMessage['status'] | undefined {
  if (isActive(status)) return 'streaming'
  if (status === 'done' || status === 'error' || status === 'aborted') return status
  return undefined
}

const stepStart: MessagePart = Object.freeze({ type: 'step-start' })

/** What earlier steps of a tool loop put in the answer that the next step continues. */
interface StepBase {
  content: string
  parts: MessagePart[]
  reasoning?: string
}

/** The assistant message `id` as the stream shows it now (after `base`, in a tool loop). */
function mirror(message: ChatMessage, s: StreamSnapshot, base?: StepBase): ChatMessage {
  const content = base && base.content && s.text ? `${base.content}\n\n${s.text}` : s.text
  const next: ChatMessage = {
    ...message,
    content: base && !s.text ? base.content : content,
    metrics: s.metrics,
    // A step's parts follow the earlier steps' (copying the list of parts, never the text).
    parts: base ? [...base.parts, stepStart, ...s.parts] : s.parts,
  }
  const status = messageStatus(s.status)
  if (status) next.status = status
  const reasoning =
    base?.reasoning !== undefined ? base.reasoning + (s.reasoning ?? '') : s.reasoning
  if (reasoning !== undefined) next.reasoning = reasoning
  if (s.error) next.error = s.error
  else delete next.error
  return next
}

/**
 * The stream's options: the chat's own, except `body` and `onFinish`: the chat builds the body
 * from the messages and reports finished messages itself.
 */
function streamOptionsOf(options: ChatOptions): StreamOptions {
  const {
    body,
    onFinish: _onFinish,
    initialMessages: _i,
    generateId: _g,
    onToolCall: _t,
    maxSteps: _m,
    ...rest
  } = options
  return {
    ...rest,
    body: (context: unknown) => (body ?? defaultChatBody)(context as ChatMessage[]),
  }
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
export function createChat(initialOptions: ChatOptions): ChatController {
  let options = initialOptions
  const generateId = () => (options.generateId ?? newMessageId)()
  const initial = () => options.initialMessages?.slice() ?? []
  let messages: ChatMessage[] = initial()
  let activeId: string | undefined
  // The tool loop of the answer `activeId`: what earlier steps gave, and requests made so far.
  let base: StepBase | undefined
  // An answer whose tool calls wait for `addToolResult`, and its step count.
  let waiting: { id: string; steps: number } | undefined
  const branches = createBranches()
  let snapshot: ChatSnapshot = Object.freeze({ messages, status: 'idle' as StreamStatus })
  const listeners = new Set<() => void>()

  const stream = createStream(streamOptionsOf(options))

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
      messages = replaceMessage(messages, activeId, (m) => mirror(m, s, base))
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

  /**
   * Streams the answer to `context` into the (already listed) assistant message `id`; with
   * `from`, as step `steps` of its tool loop, after what the earlier steps gave.
   */
  async function answer(
    context: ChatMessage[],
    id: string,
    from?: StepBase,
    steps = 1,
  ): Promise<void> {
    // A running answer ends first, as its own message (aborted), before the new one is active.
    halt()
    activeId = id
    base = from
    waiting = undefined
    // No publish here: start() dispatches at once, so the new turn is first seen together with
    // its `connecting` status, never with the last turn's settled status or error.
    const result = await stream.start(context)
    if (result.status !== 'done') return
    await settleStep(id, from ? from.parts.length + 1 : 0, steps)
  }

  /**
   * An answer's step finished: its open tool calls go to `onToolCall`; when all of them have a
   * result the answer continues (within `maxSteps`), else it waits for `addToolResult`. An
   * answer without calls is finished.
   */
  async function settleStep(id: string, from: number, steps: number): Promise<void> {
    const message = messages.find((m) => m.id === id)
    if (!message) return
    const calls = toolCallsOf(message, from)
    // Not gated on `activeId`: a listener may already have sent the next turn; this one finished.
    if (calls.length === 0) return void safeCall(options.onFinish, message)
    if (options.onToolCall) {
      for (const call of calls.filter(isOpen)) {
        let result: unknown
        try {
          result = await options.onToolCall(call)
        } catch (cause) {
          result = toolError(cause)
        }
        if (result !== undefined) setToolResult(call.id, result)
      }
    }
    if (activeId !== id) return
    const now = messages.find((m) => m.id === id)
    if (!now) return
    if (toolCallsOf(now, from).some(isOpen)) {
      waiting = { id, steps }
      return
    }
    if (steps < (options.maxSteps ?? 5)) return continueAnswer(id, steps)
    safeCall(options.onFinish, now)
  }

  /** Sends the answer's calls and results and streams the next step into the same message. */
  function continueAnswer(id: string, steps: number): Promise<void> {
    const at = indexOfMessage(messages, id)
    const message = messages[at]!
    const context = messages.slice(0, at + 1)
    const from: StepBase = { content: message.content, parts: message.parts ?? [] }
    if (message.reasoning !== undefined) from.reasoning = message.reasoning
    return answer(context, id, from, steps + 1)
  }

  /** Sets a call's result wherever its message is; false when no message has the call. */
  function setToolResult(callId: string, result: unknown): boolean {
    const at = messages.findIndex((m) => toolCallsOf(m).some((call) => call.id === callId))
    if (at === -1) return false
    messages = messages.slice()
    messages[at] = withToolResult(messages[at]!, callId, result)!
    // A step still streaming keeps the result: its base is what mirror starts from.
    if (base && messages[at]!.id === activeId) {
      const inBase = base.parts.findIndex((p) => p.type === 'tool-call' && p.id === callId)
      if (inBase !== -1) base = { ...base, parts: messages[at]!.parts!.slice(0, base.parts.length) }
    }
    publish()
    return true
  }

  /**
   * Programmer misuse throws synchronously, before anything changes; runtime failures never
   * throw, they end the turn with an error.
   */
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
    waiting = undefined
    const at = indexOfMessage(messages, target.id)
    if (target.role === 'assistant') {
      // The old answer stays as a sibling (under a new id); the new one keeps the id.
      const context = messages.slice(0, at)
      messages = branches.stamp(branches.fork(messages, at, [placeholder(target.id)], generateId()))
      return answer(context, target.id)
    }
    const assistant = placeholder()
    if (content !== undefined) {
      // The old question, and what followed it, stay as a sibling of the rewritten one.
      const edited = { ...target, content }
      messages = branches.fork(messages, at, [edited, assistant], generateId())
    } else if (at + 1 < messages.length) {
      messages = branches.fork(messages, at + 1, [assistant])
    } else {
      messages = [...messages, assistant]
    }
    messages = branches.stamp(messages)
    return answer(messages.slice(0, indexOfMessage(messages, assistant.id)), assistant.id)
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
      waiting = undefined
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
      branches.clear()
      messages = branches.stamp(messages)
      if (activeId !== undefined && indexOfMessage(messages, activeId) === -1) {
        activeId = undefined
        halt()
      }
      publish()
    },
    reset() {
      activeId = undefined
      waiting = undefined
      branches.clear()
      // History first: the stream's reset notifies, and must not show the old turns as idle.
      messages = initial()
      stream.reset()
      publish()
    },
    addToolResult(callId, result) {
      if (!setToolResult(callId, result)) {
        misuse(`addToolResult("${callId}"): no tool call has this id.`)
      }
      const wait = waiting
      if (!wait || !wait.id) return
      const message = messages.find((m) => m.id === wait.id)
      // Continues only the answer at the end of the path shown, once none of its calls is open.
      if (!message || messages[messages.length - 1] !== message) return
      if (toolCallsOf(message).some(isOpen)) return
      waiting = undefined
      void settleStep(wait.id, base ? base.parts.length + 1 : 0, wait.steps)
    },
    setOptions(next) {
      stream.setOptions(streamOptionsOf(next))
      options = next
    },
    switchBranch(messageId, index) {
      const at = indexOfMessage(messages, messageId)
      if (at === -1) misuse(`switchBranch("${messageId}", ${index}): no message has this id.`)
      const count = branches.branchAt(messages, at)?.count ?? 1
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        misuse(
          `switchBranch("${messageId}", ${index}): this message has ${count} branch${count === 1 ? '' : 'es'} (index 0 to ${count - 1}).`,
        )
      }
      // A running answer on the branch that is hidden stops first (kept, marked aborted).
      if (activeId !== undefined && indexOfMessage(messages, activeId) >= at) halt()
      messages = branches.stamp(branches.switchTo(messages, at, index))
      publish()
    },
  }
}
