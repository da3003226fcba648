import { isActive } from '../status.ts'
import { createStream } from '../stream/create-stream.ts'
import { safeCall } from '../stream/safe-call.ts'
import type { StreamOptions } from '../stream/types.ts'
import { branchAt } from './branches.ts'
import {
  initialChatState,
  reduceChat,
  requestContext,
  snapshotOf,
  type AnswerStep,
  type ChatEvent,
} from './chat-machine.ts'
import { defaultChatBody, indexOfMessage, newMessageId } from './messages.ts'
import { indexOfToolCall, isOpen, toolCallsOf, toolError } from './tool-results.ts'
import type { ChatController, ChatMessage, ChatOptions } from './types.ts'

/** The events that start a request for an answer. */
type Answering = Extract<
  ChatEvent,
  { type: 'send' | 'regenerate' | 'answer-again' | 'edit' | 'continue' }
>

/**
 * The stream's options: the chat's own, except `body` and `onFinish`: the chat builds the body
 * from the messages and reports finished messages itself. Nor `output`: a message shows text,
 * and a JSON object nobody reads would be made on every update the chat reads.
 */
function streamOptionsOf(options: ChatOptions): StreamOptions {
  const {
    body,
    output: _output,
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
  let state = initialChatState(initial())
  let snapshot = snapshotOf(state)
  const listeners = new Set<() => void>()
  // Inside `batch`, events are applied at once and listeners hear of them together at its end.
  let batching = 0

  const stream = createStream(streamOptionsOf(options))

  const publish = () => {
    const next = snapshotOf(state, snapshot)
    if (next === snapshot) return
    snapshot = next
    for (const listener of [...listeners]) safeCall(listener, undefined)
  }

  /** Every change of state: the reducer, then the listeners when something they see changed. */
  const dispatch = (event: ChatEvent) => {
    state = reduceChat(state, event)
    if (batching === 0) publish()
  }

  /** Runs `work` (events and stream calls) as one change: listeners see only its end. */
  const batch = <T>(work: () => T): T => {
    batching++
    try {
      return work()
    } finally {
      batching--
      if (batching === 0) publish()
    }
  }

  stream.subscribe(() => dispatch({ type: 'stream', snapshot: stream.getSnapshot() }))

  /** Stops a running answer first, so its message is marked aborted before anything moves. */
  const halt = () => {
    if (isActive(stream.getStatus())) stream.stop()
  }

  const placeholder = (id = generateId()): ChatMessage => ({
    id,
    role: 'assistant',
    content: '',
    status: 'streaming',
    createdAt: Date.now(),
  })

  /**
   * Starts a request for an answer (`event` says which) and streams it. A running answer ends
   * first, as its own message (aborted). The new turn is first seen together with the stream's
   * `connecting` status, never with the last turn's settled status or error.
   */
  async function answer(event: Answering): Promise<void> {
    halt()
    const started = batch(() => {
      const before = state
      dispatch(event)
      // Its message may be gone already (a listener of the stop changed the history).
      if (state === before || !state.active) return undefined
      const { id, turn, steps, base } = state.active
      const step: AnswerStep = { id, turn, steps, from: base ? base.parts.length + 1 : 0 }
      return { step, result: stream.start(requestContext(state)) }
    })
    if (!started || (await started.result).status !== 'done') return
    await settleStep(started.step)
  }

  /**
   * An answer's step finished: its open tool calls go to `onToolCall`; when all of them have a
   * result the answer continues (within `maxSteps`), else it waits for `addToolResult`. An
   * answer without calls is finished.
   */
  async function settleStep(step: AnswerStep): Promise<void> {
    const { id, turn, from, steps } = step
    const message = state.messages.find((m) => m.id === id)
    if (!message) return
    const calls = toolCallsOf(message, from)
    // Not gated on the active answer: a listener may already have sent the next turn; this one finished.
    if (calls.length === 0) return void safeCall(options.onFinish, message)
    if (options.onToolCall) {
      for (const call of calls.filter(isOpen)) {
        let result: unknown
        try {
          result = await options.onToolCall(call)
        } catch (cause) {
          result = toolError(cause)
        }
        if (result !== undefined) dispatch({ type: 'tool-result', callId: call.id, result })
      }
    }
    // Another answer started meanwhile (a regenerated one keeps the id: the turn tells).
    if (state.active?.turn !== turn) return
    const now = state.messages.find((m) => m.id === id)
    if (!now) return
    if (toolCallsOf(now, from).some(isOpen)) return dispatch({ type: 'await-tools', step })
    if (steps < (options.maxSteps ?? 5)) {
      return answer({ type: 'continue', id, turn, steps: steps + 1 })
    }
    safeCall(options.onFinish, now)
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
   * id (the old one stays as a sibling, under a new id); a user message gets a new answer. What
   * followed answered the old text, so it goes (kept as a branch).
   */
  function answerAgain(target: ChatMessage): Promise<void> {
    if (target.role === 'assistant') {
      return answer({ type: 'regenerate', answer: placeholder(target.id), renamed: generateId() })
    }
    return answer({ type: 'answer-again', id: target.id, answer: placeholder() })
  }

  function regenerate(messageId?: string): Promise<void> {
    const { messages } = state
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
    send(content) {
      const question: ChatMessage = {
        id: generateId(),
        role: 'user',
        content,
        createdAt: Date.now(),
      }
      return answer({ type: 'send', question, answer: placeholder() })
    },
    stop: () => stream.stop(),
    regenerate,
    edit(messageId, content) {
      const target = state.messages.find((m) => m.id === messageId)
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
      return answer({
        type: 'edit',
        id: messageId,
        content,
        answer: placeholder(),
        renamed: generateId(),
      })
    },
    retry: () => regenerate(),
    setMessages(update) {
      const messages =
        typeof update === 'function' ? update(state.messages.slice()) : update.slice()
      batch(() => {
        const { active } = state
        dispatch({ type: 'set-messages', messages })
        // The answer streaming into a message that is gone stops (and shows nowhere).
        if (active && !state.active) halt()
      })
    },
    reset() {
      // One change: the stream's reset notifies, and must not show the old turns as idle.
      batch(() => {
        dispatch({ type: 'reset', messages: initial() })
        stream.reset()
      })
    },
    addToolResult(callId, result) {
      if (indexOfToolCall(state.messages, callId) === -1) {
        misuse(`addToolResult("${callId}"): no tool call has this id.`)
      }
      const { awaiting } = state
      dispatch({ type: 'tool-result', callId, result })
      // The step waiting for results stops waiting once all are there: the answer goes on.
      if (awaiting && !state.awaiting) void settleStep(awaiting)
    },
    setOptions(next) {
      stream.setOptions(streamOptionsOf(next))
      options = next
    },
    switchBranch(messageId, index) {
      const at = indexOfMessage(state.messages, messageId)
      if (at === -1) misuse(`switchBranch("${messageId}", ${index}): no message has this id.`)
      const count = branchAt(state.branches, state.messages, at)?.count ?? 1
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        misuse(
          `switchBranch("${messageId}", ${index}): this message has ${count} branch${count === 1 ? '' : 'es'} (index 0 to ${count - 1}).`,
        )
      }
      // A running answer on the branch that is hidden stops first (kept, marked aborted).
      const { active } = state
      if (active && indexOfMessage(state.messages, active.id) >= at) halt()
      dispatch({ type: 'switch-branch', id: messageId, index })
    },
  }
}
