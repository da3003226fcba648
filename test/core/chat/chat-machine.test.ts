import { describe, expect, it } from 'vitest'
import { StreamError, type ChatMessage, type MessagePart, type StreamStatus } from 'rivulet/core'
import {
  initialChatState,
  reduceChat,
  requestContext,
  snapshotOf,
  type ChatEvent,
  type ChatState,
} from '../../../src/core/chat/chat-machine.ts'
import type { StreamSnapshot } from '../../../src/core/stream/types.ts'

/**
 * The chat reducer as a table: each event against the states it can meet, and the state it
 * leads to. States are reached by events from a short history, so each is one the chat can be in.
 */

const message = (id: string, role: ChatMessage['role'], content: string, more = {}) =>
  ({ id, role, content, ...more }) as ChatMessage
const history = [
  message('s', 'system', 'Be brief.'),
  message('u1', 'user', 'Hi'),
  message('a1', 'assistant', 'Hello!', { status: 'done' }),
]
const empty = (id: string) => message(id, 'assistant', '', { status: 'streaming' })

const call = (id: string, result?: unknown): MessagePart => ({
  type: 'tool-call',
  id,
  name: 'weather',
  argsText: '{}',
  args: {},
  status: 'complete',
  ...(result === undefined ? {} : { result }),
})

/** A stream snapshot: `status`, and (when given) the text and parts it shows. */
function stream(
  status: StreamStatus,
  text = '',
  more: Partial<StreamSnapshot> = {},
): ChatEvent & { type: 'stream' } {
  const parts: MessagePart[] = text ? [{ type: 'text', text }] : []
  const metrics = { tokens: text ? 1 : 0, chars: text.length, bytes: 0, retries: 0 }
  return { type: 'stream', snapshot: { status, text, parts, metrics, ...more } }
}

const refused = new StreamError('http', 'HTTP 500', { status: 500, retryable: false })
const dropped = new StreamError('network', 'dropped', { retryable: true })
const send: ChatEvent = {
  type: 'send',
  question: message('u2', 'user', 'Again?'),
  answer: empty('a2'),
}

const given = (state: ChatState, ...events: ChatEvent[]) => events.reduce(reduceChat, state)

const idle = initialChatState(history)
const connecting = given(idle, send, stream('connecting'))
const streaming = given(connecting, stream('streaming', 'Sure'))
const retrying = given(streaming, stream('retrying', 'Sure', { lastError: dropped }))
const done = given(streaming, stream('done', 'Sure.'))
const failed = given(streaming, stream('error', 'Sur', { error: refused, lastError: refused }))
const stopped = given(streaming, stream('aborted', 'Sur'))
// The answer called a tool and nobody answered it yet.
const toolCalled = given(
  connecting,
  stream('done', 'Let me look.', {
    parts: [{ type: 'text', text: 'Let me look.' }, call('c1')],
  }),
)
const awaiting = given(toolCalled, {
  type: 'await-tools',
  step: { id: 'a2', turn: 1, steps: 1, from: 0 },
})
// The second request of that answer, with the call answered, is streaming.
const secondStep = given(
  toolCalled,
  { type: 'tool-result', callId: 'c1', result: 21 },
  { type: 'continue', id: 'a2', turn: 1, steps: 2 },
  stream('streaming', 'Sunny'),
)
// The answer a2 regenerated: a2 (2/2) is shown, the old one is kept as a2-old (1/2).
const regenerated = given(
  done,
  { type: 'regenerate', answer: empty('a2'), renamed: 'a2-old' },
  stream('connecting'),
  stream('done', 'Other.'),
)

const states = {
  empty: initialChatState([]),
  idle,
  connecting,
  streaming,
  retrying,
  done,
  failed,
  stopped,
  toolCalled,
  awaiting,
  secondStep,
  regenerated,
}
type StateName = keyof typeof states

/** A state in one line per message, then what is not messages. */
function view(state: ChatState) {
  const parts = (m: ChatMessage) =>
    (m.parts ?? [])
      .filter((p) => p.type === 'tool-call' || p.type === 'step-start')
      .map((p) =>
        p.type === 'step-start' ? ' |' : ` [${p.id}${'result' in p ? `=${String(p.result)}` : ''}]`,
      )
      .join('')
  const line = (m: ChatMessage) =>
    `${m.id}: ${m.content}${parts(m)}` +
    (m.status ? ` (${m.status})` : '') +
    (m.error ? ` !${m.error.message}` : '') +
    (m.branch ? ` ${m.branch.index + 1}/${m.branch.count}` : '')
  const { active, awaiting: wait } = state
  return {
    messages: state.messages.map(line),
    status: state.status,
    ...(state.error && { error: state.error.message }),
    ...(state.lastError && { lastError: state.lastError.message }),
    ...(active && {
      active: `${active.id} step ${active.steps}${active.base ? ' after base' : ''}`,
    }),
    ...(wait && { awaiting: `${wait.id} step ${wait.steps} from ${wait.from}` }),
  }
}

const before = (name: StateName) => view(states[name])
const old = ['s: Be brief.', 'u1: Hi', 'a1: Hello! (done)']

/** Each row: the state, and what the event leaves (`same`: the identical state object). */
type Rows = [StateName, ReturnType<typeof view> | 'same'][]

function table(event: ChatEvent, rows: Rows) {
  it.each(rows)('%s', (name, expected) => {
    const state = states[name]
    const next = reduceChat(state, event)
    if (expected === 'same') expect(next).toBe(state)
    else expect(view(next)).toEqual(expected)
  })
}

describe('the states the tables start from', () => {
  it('are what their names say', () => {
    expect(before('idle')).toEqual({ messages: old, status: 'idle' })
    expect(before('streaming')).toEqual({
      messages: [...old, 'u2: Again?', 'a2: Sure (streaming)'],
      status: 'streaming',
      active: 'a2 step 1',
    })
    expect(before('awaiting')).toEqual({
      messages: [...old, 'u2: Again?', 'a2: Let me look. [c1] (done)'],
      status: 'done',
      active: 'a2 step 1',
      awaiting: 'a2 step 1 from 0',
    })
    expect(before('secondStep')).toEqual({
      messages: [...old, 'u2: Again?', 'a2: Let me look.\n\nSunny [c1=21] | (streaming)'],
      status: 'streaming',
      active: 'a2 step 2 after base',
    })
    expect(before('regenerated')).toEqual({
      messages: [...old, 'u2: Again?', 'a2: Other. (done) 2/2'],
      status: 'done',
      active: 'a2 step 1',
    })
  })
})

describe('stream: the active answer mirrors the stream; the status, error and lastError are its', () => {
  describe('streaming text', () => {
    table(stream('streaming', 'Sure, h'), [
      // No answer is active: only the status shows.
      ['idle', { messages: old, status: 'streaming' }],
      [
        'connecting',
        {
          messages: [...old, 'u2: Again?', 'a2: Sure, h (streaming)'],
          status: 'streaming',
          active: 'a2 step 1',
        },
      ],
      [
        'retrying',
        {
          messages: [...old, 'u2: Again?', 'a2: Sure, h (streaming)'],
          status: 'streaming',
          active: 'a2 step 1',
        },
      ],
      [
        // A later step shows after what the earlier steps gave, past a step start.
        'secondStep',
        {
          messages: [...old, 'u2: Again?', 'a2: Let me look.\n\nSure, h [c1=21] | (streaming)'],
          status: 'streaming',
          active: 'a2 step 2 after base',
        },
      ],
    ])
  })
  describe('a failure being retried', () => {
    table(stream('retrying', 'Sure', { lastError: dropped }), [
      [
        'streaming',
        {
          messages: [...old, 'u2: Again?', 'a2: Sure (streaming)'],
          status: 'retrying',
          lastError: 'dropped',
          active: 'a2 step 1',
        },
      ],
    ])
  })
  describe('an error: on the answer and on the chat', () => {
    table(stream('error', 'Sur', { error: refused, lastError: refused }), [
      [
        'streaming',
        {
          messages: [...old, 'u2: Again?', 'a2: Sur (error) !HTTP 500'],
          status: 'error',
          error: 'HTTP 500',
          lastError: 'HTTP 500',
          active: 'a2 step 1',
        },
      ],
    ])
  })
  describe('the start of the next request clears the error', () => {
    table(stream('connecting'), [
      [
        'failed',
        {
          messages: [...old, 'u2: Again?', 'a2:  (streaming)'],
          status: 'connecting',
          active: 'a2 step 1',
        },
      ],
    ])
  })
  describe('a stop', () => {
    table(stream('aborted', 'Sur'), [
      [
        'streaming',
        {
          messages: [...old, 'u2: Again?', 'a2: Sur (aborted)'],
          status: 'aborted',
          active: 'a2 step 1',
        },
      ],
    ])
  })
  describe('the stream reset to idle: the status shows, the answer keeps its text', () => {
    table(stream('idle'), [
      ['idle', 'same'],
      ['empty', 'same'],
      [
        'done',
        {
          messages: [...old, 'u2: Again?', 'a2: Sure. (done)'],
          status: 'idle',
          active: 'a2 step 1',
        },
      ],
    ])
  })
  it('an active answer no longer shown is left alone', () => {
    const hidden = given(streaming, { type: 'set-messages', messages: history })
    const next = reduceChat(hidden, stream('streaming', 'more'))
    expect(next.messages).toBe(hidden.messages)
  })
})

const newTurn = (...messages: string[]) => ({
  messages,
  status: 'connecting' as const,
  active: `${messages.at(-1)!.split(':')[0]} step 1`,
})

describe('send: the question and an empty answer go at the end; the answer is the active one', () => {
  const question = message('u3', 'user', 'Why?')
  table({ type: 'send', question, answer: empty('a3') }, [
    ['empty', newTurn('u3: Why?', 'a3:  (streaming)')],
    ['idle', newTurn(...old, 'u3: Why?', 'a3:  (streaming)')],
    // The last error and a step waiting for tool results are gone.
    [
      'failed',
      newTurn(...old, 'u2: Again?', 'a2: Sur (error) !HTTP 500', 'u3: Why?', 'a3:  (streaming)'),
    ],
    [
      'awaiting',
      newTurn(...old, 'u2: Again?', 'a2: Let me look. [c1] (done)', 'u3: Why?', 'a3:  (streaming)'),
    ],
    // Whatever branch is shown, the turn follows it.
    [
      'regenerated',
      newTurn(...old, 'u2: Again?', 'a2: Other. (done) 2/2', 'u3: Why?', 'a3:  (streaming)'),
    ],
  ])
})

describe('regenerate: the answer is emptied in place (same id); the old one is kept as a branch', () => {
  table({ type: 'regenerate', answer: empty('a2'), renamed: 'a2-b' }, [
    ['done', newTurn(...old, 'u2: Again?', 'a2:  (streaming) 2/2')],
    ['failed', newTurn(...old, 'u2: Again?', 'a2:  (streaming) 2/2')],
    ['awaiting', newTurn(...old, 'u2: Again?', 'a2:  (streaming) 2/2')],
    // A third answer: 3 of 3.
    ['regenerated', newTurn(...old, 'u2: Again?', 'a2:  (streaming) 3/3')],
    ['idle', 'same'],
  ])
})

describe('answer-again: a user message gets a new answer; what followed it is kept as a branch', () => {
  describe('a question in the middle', () => {
    table({ type: 'answer-again', id: 'u1', answer: empty('a9') }, [
      ['idle', newTurn('s: Be brief.', 'u1: Hi', 'a9:  (streaming) 2/2')],
      ['done', newTurn('s: Be brief.', 'u1: Hi', 'a9:  (streaming) 2/2')],
    ])
  })
  describe('the last message, unanswered', () => {
    const unanswered = given(idle, {
      type: 'set-messages',
      messages: [...history, message('u2', 'user', 'Well?')],
    })
    it('gets its answer appended, with no branch', () => {
      const next = reduceChat(unanswered, { type: 'answer-again', id: 'u2', answer: empty('a9') })
      expect(view(next)).toEqual(newTurn(...old, 'u2: Well?', 'a9:  (streaming)'))
    })
  })
  describe('an unknown id', () => {
    table({ type: 'answer-again', id: 'nope', answer: empty('a9') }, [['idle', 'same']])
  })
})

describe('edit: the question is rewritten (same id) and answered; the old one, and what followed, kept', () => {
  table({ type: 'edit', id: 'u1', content: 'Hello?', answer: empty('a9'), renamed: 'u1-b' }, [
    ['idle', newTurn('s: Be brief.', 'u1: Hello? 2/2', 'a9:  (streaming)')],
    ['streaming', newTurn('s: Be brief.', 'u1: Hello? 2/2', 'a9:  (streaming)')],
    ['empty', 'same'],
  ])
  it('the kept question is found again under the branch', () => {
    const edited = reduceChat(done, {
      type: 'edit',
      id: 'u2',
      content: 'Really?',
      answer: empty('a9'),
      renamed: 'u2-b',
    })
    const back = reduceChat(edited, { type: 'switch-branch', id: 'u2', index: 0 })
    expect(view(back).messages).toEqual([...old, 'u2-b: Again? 1/2', 'a2: Sure. (done)'])
  })
})

describe('continue: the next request of a tool loop streams into the same answer, after it', () => {
  table({ type: 'continue', id: 'a2', turn: 1, steps: 2 }, [
    [
      'awaiting',
      {
        messages: [...old, 'u2: Again?', 'a2: Let me look. [c1] (done)'],
        status: 'connecting',
        active: 'a2 step 2 after base',
      },
    ],
    ['idle', 'same'],
    // a2 was answered again (a later turn, the same id): the old turn's loop goes no further.
    ['regenerated', 'same'],
  ])

  it('every new answer is the next turn, a regenerated one too, and a reset keeps counting', () => {
    expect([connecting, regenerated].map((s) => [s.active?.id, s.active?.turn])).toEqual([
      ['a2', 1],
      ['a2', 2],
    ])
    expect(secondStep.active?.turn).toBe(1)
    const again = given(regenerated, { type: 'reset', messages: history }, send)
    expect(again.active?.turn).toBe(3)
  })
})

describe('await-tools: a finished step waits for its results', () => {
  table({ type: 'await-tools', step: { id: 'a2', turn: 1, steps: 1, from: 0 } }, [
    ['toolCalled', before('awaiting')],
  ])
})

describe('tool-result: the call gets its result wherever it is', () => {
  describe('the step waiting for it stops waiting (the controller then continues it)', () => {
    table({ type: 'tool-result', callId: 'c1', result: 42 }, [
      [
        'awaiting',
        {
          messages: [...old, 'u2: Again?', 'a2: Let me look. [c1=42] (done)'],
          status: 'done',
          active: 'a2 step 1',
        },
      ],
      [
        // While the next step streams, its base keeps the new result too.
        'secondStep',
        {
          messages: [...old, 'u2: Again?', 'a2: Let me look.\n\nSunny [c1=42] | (streaming)'],
          status: 'streaming',
          active: 'a2 step 2 after base',
        },
      ],
      ['idle', 'same'],
    ])
    it('the base is what the next update starts from', () => {
      const next = given(
        secondStep,
        { type: 'tool-result', callId: 'c1', result: 42 },
        stream('streaming', 'Sunny, 42'),
      )
      expect(view(next).messages.at(-1)).toBe('a2: Let me look.\n\nSunny, 42 [c1=42] | (streaming)')
    })
  })
  it('a step still has an open call: it keeps waiting', () => {
    const two = given(
      connecting,
      stream('done', 'Look.', { parts: [call('c1'), call('c2')] }),
      { type: 'await-tools', step: { id: 'a2', turn: 1, steps: 1, from: 0 } },
      { type: 'tool-result', callId: 'c1', result: 1 },
    )
    expect(view(two).awaiting).toBe('a2 step 1 from 0')
  })
  it('the waiting answer is no longer the last message shown: it keeps waiting', () => {
    const later = given(awaiting, {
      type: 'set-messages',
      messages: [...awaiting.messages, message('u3', 'user', 'Hm?')],
    })
    const next = reduceChat(later, { type: 'tool-result', callId: 'c1', result: 42 })
    expect(view(next).awaiting).toBe('a2 step 1 from 0')
  })
})

describe('switch-branch: the sibling at that place is shown, with what followed it there', () => {
  table({ type: 'switch-branch', id: 'a2', index: 0 }, [
    [
      'regenerated',
      {
        messages: [...old, 'u2: Again?', 'a2-old: Sure. (done) 1/2'],
        status: 'done',
        active: 'a2 step 1',
      },
    ],
    ['done', 'same'],
  ])
  table({ type: 'switch-branch', id: 'a2', index: 1 }, [['regenerated', 'same']])
})

describe('set-messages: the history is replaced and every branch dropped', () => {
  table({ type: 'set-messages', messages: history }, [
    // The active answer is gone: nothing mirrors into the history any more.
    ['streaming', { messages: old, status: 'streaming' }],
    ['regenerated', { messages: old, status: 'done' }],
    ['empty', { messages: old, status: 'idle' }],
  ])
  it('keeps an active answer that is still shown, and drops the branch marks', () => {
    const next = reduceChat(regenerated, { type: 'set-messages', messages: regenerated.messages })
    expect(view(next)).toEqual({
      messages: [...old, 'u2: Again?', 'a2: Other. (done)'],
      status: 'done',
      active: 'a2 step 1',
    })
  })
})

describe('reset: the initial messages, idle, nothing else', () => {
  const initial = [message('s', 'system', 'Be brief.')]
  const rows: Rows = (Object.keys(states) as StateName[]).map((name) => [
    name,
    { messages: ['s: Be brief.'], status: 'idle' },
  ])
  table({ type: 'reset', messages: initial }, rows)
})

describe('every event on every state', () => {
  const events: ChatEvent[] = [
    stream('streaming', 'x'),
    stream('done', 'x.'),
    stream('idle'),
    send,
    { type: 'regenerate', answer: empty('a2'), renamed: 'a2-z' },
    { type: 'answer-again', id: 'u1', answer: empty('a9') },
    { type: 'edit', id: 'u1', content: 'Yo', answer: empty('a9'), renamed: 'u1-z' },
    { type: 'continue', id: 'a2', turn: 1, steps: 2 },
    { type: 'await-tools', step: { id: 'a2', turn: 1, steps: 1, from: 0 } },
    { type: 'tool-result', callId: 'c1', result: 1 },
    { type: 'switch-branch', id: 'a2', index: 0 },
    { type: 'set-messages', messages: history },
    { type: 'reset', messages: history },
  ]
  const deepFreeze = <T>(value: T): T => {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
      Object.freeze(value)
      for (const inner of Object.values(value)) deepFreeze(inner)
    }
    return value
  }
  const branchesOf = (state: ChatState) => JSON.stringify([...state.branches])

  it.each(Object.keys(states) as StateName[])('%s: nothing is changed in place', (name) => {
    for (const event of events) {
      const state = deepFreeze(states[name])
      const kept = branchesOf(state)
      // A frozen state and event: writing to either throws.
      reduceChat(state, deepFreeze(event))
      expect(branchesOf(state)).toBe(kept)
    }
  })

  it.each(Object.keys(states) as StateName[])(
    '%s: a streaming answer is never shown with a settled status or an error',
    (name) => {
      // The stream goes idle only in the chat's reset, which has ended the answer before.
      const reachable = events.filter((e) => e.type !== 'stream' || e.snapshot.status !== 'idle')
      for (const event of reachable) {
        const next = reduceChat(states[name], event)
        const active = next.messages.find((m) => m.id === next.active?.id)
        if (active?.status !== 'streaming') continue
        expect(['connecting', 'streaming', 'retrying']).toContain(next.status)
        expect(next.error).toBeUndefined()
      }
    },
  )
})

describe('requestContext: what the request of the active answer sends', () => {
  it('the turns before the answer', () => {
    expect(requestContext(connecting).map((m) => m.id)).toEqual(['s', 'u1', 'a1', 'u2'])
    const again = reduceChat(done, { type: 'answer-again', id: 'u1', answer: empty('a9') })
    expect(requestContext(again).map((m) => m.id)).toEqual(['s', 'u1'])
  })
  it('in a later step of a tool loop, the answer too, with its calls and results', () => {
    const next = given(
      toolCalled,
      { type: 'tool-result', callId: 'c1', result: 21 },
      {
        type: 'continue',
        id: 'a2',
        turn: 1,
        steps: 2,
      },
    )
    const context = requestContext(next)
    expect(context.map((m) => m.id)).toEqual(['s', 'u1', 'a1', 'u2', 'a2'])
    expect(context.at(-1)!.parts).toContainEqual(call('c1', 21))
  })
})

describe('snapshotOf: what the chat shows', () => {
  it('is the previous snapshot itself while nothing shown changed', () => {
    const shown = snapshotOf(awaiting)
    expect(
      snapshotOf(given(awaiting, { type: 'continue', id: 'a2', turn: 1, steps: 2 }), shown),
    ).not.toBe(shown)
    expect(snapshotOf({ ...awaiting, awaiting: undefined }, shown)).toBe(shown)
    expect(Object.isFrozen(shown)).toBe(true)
  })
  it('holds the messages, status, error and lastError, nothing else', () => {
    expect(Object.keys(snapshotOf(failed)).sort()).toEqual([
      'error',
      'lastError',
      'messages',
      'status',
    ])
    expect(Object.keys(snapshotOf(idle)).sort()).toEqual(['messages', 'status'])
  })
})
