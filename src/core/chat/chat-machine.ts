import type { StreamError } from '../errors.ts'
import type { StreamStatus } from '../status.ts'
import type { StreamSnapshot } from '../stream/types.ts'
import { fork, noBranches, stamp, switchTo, type Branches, type Forked } from './branches.ts'
import { indexOfMessage, replaceMessage } from './messages.ts'
import { baseOf, mirror, type StepBase } from './mirror.ts'
import { indexOfToolCall, isOpen, toolCallsOf, withToolResult } from './tool-results.ts'
import type { ChatMessage, ChatSnapshot } from './types.ts'

/** The answer the stream writes into. */
export interface ActiveAnswer {
  id: string
  /**
   * Which answer this is, counted over the chat's life: a regenerated answer keeps its
   * message id but is another turn, so work left over from the old one can tell.
   */
  turn: number
  /** Requests this answer has made: 1, and one more for each step of a tool loop. */
  steps: number
  /** From the second step of a tool loop on: what the earlier steps gave. */
  base?: StepBase
}

/** One request of an answer: the answer, which request it is, and where its parts begin. */
export interface AnswerStep {
  id: string
  turn: number
  steps: number
  /** Where this request's parts begin in the answer's `parts`. */
  from: number
}

/** Everything a chat holds. Its snapshot (`snapshotOf`) is the part it shows. */
export interface ChatState {
  /** The path shown. */
  messages: ChatMessage[]
  /** The alternatives that are not shown. */
  branches: Branches
  /** The stream's status, error and latest failure, as the current answer's. */
  status: StreamStatus
  error?: StreamError
  lastError?: StreamError
  active?: ActiveAnswer
  /** A finished step whose tool calls wait for `addToolResult`. */
  awaiting?: AnswerStep
  /** Answers started so far (never reset): the last one's `turn`. */
  turns: number
}

/**
 * Everything that happens to a chat. The controller makes the new messages (ids and times are
 * not the reducer's to invent) and checks misuse before it dispatches.
 */
export type ChatEvent =
  /** The stream changed. */
  | { type: 'stream'; snapshot: StreamSnapshot }
  /** `send()`: the question and its (empty) answer. */
  | { type: 'send'; question: ChatMessage; answer: ChatMessage }
  /** `regenerate()` of an answer: `answer` has its id; the old answer is kept, as `renamed`. */
  | { type: 'regenerate'; answer: ChatMessage; renamed: string }
  /** `regenerate()` of the user message `id`: `answer` follows it. */
  | { type: 'answer-again'; id: string; answer: ChatMessage }
  /** `edit()`: the user message `id` gets `content`; the old one is kept, as `renamed`. */
  | { type: 'edit'; id: string; content: string; answer: ChatMessage; renamed: string }
  /** Every tool call of the answer `id` has its result: request number `steps` goes on with it. */
  | { type: 'continue'; id: string; turn: number; steps: number }
  /** A step ended with tool calls still open: they wait for `addToolResult`. */
  | { type: 'await-tools'; step: AnswerStep }
  /** A tool call got its result (from `onToolCall` or `addToolResult`). */
  | { type: 'tool-result'; callId: string; result: unknown }
  | { type: 'switch-branch'; id: string; index: number }
  | { type: 'set-messages'; messages: ChatMessage[] }
  | { type: 'reset'; messages: ChatMessage[] }

/** A chat that has sent nothing yet. */
export function initialChatState(messages: ChatMessage[], turns = 0): ChatState {
  return { messages, branches: noBranches, status: 'idle', turns }
}

/**
 * A request starts for the answer `active`: the stream starts connecting at once, so the state
 * says so; the last answer's error and a step waiting for tool results are gone.
 */
function answering(path: Forked, active: ActiveAnswer): ChatState {
  const { messages, branches } = path
  return { messages, branches, status: 'connecting', active, turns: active.turn }
}

/** A new answer, the chat's next turn: one request so far. */
const fresh = (state: ChatState, answer: ChatMessage): ActiveAnswer => ({
  id: answer.id,
  turn: state.turns + 1,
  steps: 1,
})

/** The stream's status shows, and the active answer (where it is shown) mirrors its text. */
function followStream(state: ChatState, s: StreamSnapshot): ChatState {
  const { active } = state
  const messages =
    active && s.status !== 'idle'
      ? replaceMessage(state.messages, active.id, (m) => mirror(m, s, active.base))
      : state.messages
  if (
    messages === state.messages &&
    s.status === state.status &&
    s.error === state.error &&
    s.lastError === state.lastError
  ) {
    return state
  }
  const next: ChatState = { ...state, messages, status: s.status }
  if (s.error) next.error = s.error
  else delete next.error
  if (s.lastError) next.lastError = s.lastError
  else delete next.lastError
  return next
}

/**
 * Gives a tool call its result, wherever its message is. A step still streaming keeps it too (its
 * base is what it mirrors from), and a step waiting for results stops waiting once its answer is
 * the last message shown and none of its calls is open: the controller then continues it.
 */
function giveToolResult(state: ChatState, callId: string, result: unknown): ChatState {
  const at = indexOfToolCall(state.messages, callId)
  if (at === -1) return state
  const message = withToolResult(state.messages[at]!, callId, result)!
  const messages = state.messages.slice()
  messages[at] = message
  const next: ChatState = { ...state, messages }
  const { active, awaiting } = state
  if (
    active?.base &&
    active.id === message.id &&
    active.base.parts.some((p) => p.type === 'tool-call' && p.id === callId)
  ) {
    const parts = message.parts!.slice(0, active.base.parts.length)
    next.active = { ...active, base: { ...active.base, parts } }
  }
  const last = messages[messages.length - 1]
  if (awaiting && last?.id === awaiting.id && !toolCallsOf(last).some(isOpen)) {
    delete next.awaiting
  }
  return next
}

/**
 * The chat as a pure reducer: what each event does to the state. Returns the identical state
 * for an event that changes nothing, and a new object otherwise.
 *
 * | event            | messages (the path shown)                                | answer, status         |
 * | ---------------- | -------------------------------------------------------- | ---------------------- |
 * | `stream`         | the active answer mirrors the stream's text and status   | status, error from it  |
 * | `send`           | + question, + empty answer                               | new answer, connecting |
 * | `regenerate`     | an empty answer (same id) in its place; the old one kept | new answer, connecting |
 * | `answer-again`   | empty answer after the question; what followed kept      | new answer, connecting |
 * | `edit`           | question rewritten + empty answer; the old one kept      | new answer, connecting |
 * | `continue`       | —                                                        | next step, connecting  |
 * | `await-tools`    | —                                                        | step waits for results |
 * | `tool-result`    | the call gets its result                                 | waiting may end        |
 * | `switch-branch`  | the sibling shown at that place, and what followed it    | —                      |
 * | `set-messages`   | replaced; every branch dropped                           | dropped if not shown   |
 * | `reset`          | the initial messages                                     | idle, nothing else     |
 */
export function reduceChat(state: ChatState, event: ChatEvent): ChatState {
  const { messages, branches } = state
  switch (event.type) {
    case 'stream':
      return followStream(state, event.snapshot)
    case 'send': {
      const path = { messages: [...messages, event.question, event.answer], branches }
      return answering(path, fresh(state, event.answer))
    }
    case 'regenerate': {
      const at = indexOfMessage(messages, event.answer.id)
      if (at === -1) return state
      const path = fork(branches, messages, at, [event.answer], event.renamed)
      return answering(stamped(path), fresh(state, event.answer))
    }
    case 'answer-again': {
      const at = indexOfMessage(messages, event.id)
      if (at === -1) return state
      const path =
        at + 1 < messages.length
          ? fork(branches, messages, at + 1, [event.answer])
          : { messages: [...messages, event.answer], branches }
      return answering(stamped(path), fresh(state, event.answer))
    }
    case 'edit': {
      const at = indexOfMessage(messages, event.id)
      if (at === -1) return state
      const edited = { ...messages[at]!, content: event.content }
      const path = fork(branches, messages, at, [edited, event.answer], event.renamed)
      return answering(stamped(path), fresh(state, event.answer))
    }
    case 'continue': {
      // Only the turn that asked goes on, in its message (a turn is one answer's, for good).
      const message = messages.find((m) => m.id === event.id)
      if (!message || state.active?.turn !== event.turn) return state
      return answering(
        { messages, branches },
        { id: event.id, turn: event.turn, steps: event.steps, base: baseOf(message) },
      )
    }
    case 'await-tools':
      return { ...state, awaiting: event.step }
    case 'tool-result':
      return giveToolResult(state, event.callId, event.result)
    case 'switch-branch': {
      const at = indexOfMessage(messages, event.id)
      if (at === -1) return state
      const path = switchTo(branches, messages, at, event.index)
      if (path.messages === messages) return state
      return { ...state, ...stamped(path) }
    }
    case 'set-messages': {
      const next: ChatState = {
        ...state,
        messages: stamp(noBranches, event.messages),
        branches: noBranches,
      }
      if (state.active && indexOfMessage(next.messages, state.active.id) === -1) delete next.active
      return next
    }
    case 'reset':
      return initialChatState(event.messages, state.turns)
  }
}

const stamped = (path: Forked): Forked => ({
  messages: stamp(path.branches, path.messages),
  branches: path.branches,
})

/**
 * What the active answer's request sends: the turns before it, and from the second step of a
 * tool loop on, the answer so far (its calls and their results).
 */
export function requestContext(state: ChatState): ChatMessage[] {
  const { active, messages } = state
  const at = active ? indexOfMessage(messages, active.id) : -1
  if (at === -1) return messages.slice()
  return messages.slice(0, active?.base ? at + 1 : at)
}

/** What the chat shows of `state`; `previous` itself when none of that changed. */
export function snapshotOf(state: ChatState, previous?: ChatSnapshot): ChatSnapshot {
  if (
    previous &&
    previous.messages === state.messages &&
    previous.status === state.status &&
    previous.error === state.error &&
    previous.lastError === state.lastError
  ) {
    return previous
  }
  const snapshot: ChatSnapshot = { messages: state.messages, status: state.status }
  if (state.error) snapshot.error = state.error
  if (state.lastError) snapshot.lastError = state.lastError
  return Object.freeze(snapshot)
}
