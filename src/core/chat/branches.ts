import type { ChatMessage } from './types.ts'

/** The alternatives for the message at one place of the conversation, and which is shown. */
interface Group {
  /** Each alternative is the message and everything that followed it on that branch. */
  readonly tails: readonly ChatMessage[][]
  readonly index: number
}

/**
 * The branches of a chat: for the place after each message (or the start), the alternative
 * continuations it has had (answers replaced by `regenerate`, questions rewritten by `edit`,
 * with the turns that followed them), keyed by the id of the message before them. The chat's
 * `messages` is always the path shown; the alternatives not shown are kept here. A value:
 * every function below returns a new one and leaves its argument as it was.
 */
export type Branches = ReadonlyMap<string, Group>

/** The branches of a chat that has none. */
export const noBranches: Branches = new Map()

const root = '\u0000root'
const keyAt = (messages: readonly ChatMessage[], at: number) =>
  at === 0 ? root : messages[at - 1]!.id

/** A path and the branches that go with it. */
export interface Forked {
  messages: ChatMessage[]
  branches: Branches
}

/**
 * Keeps `messages.slice(at)` as an alternative and shows `tail` in its place. `renamed`: the
 * id the kept first message gets, when the new tail reuses its id.
 */
export function fork(
  branches: Branches,
  messages: readonly ChatMessage[],
  at: number,
  tail: ChatMessage[],
  renamed?: string,
): Forked {
  const next = new Map(branches)
  const key = keyAt(messages, at)
  const kept = messages.slice(at)
  if (renamed !== undefined && kept[0]) {
    const oldId = kept[0].id
    kept[0] = { ...kept[0], id: renamed }
    // What followed the kept message keeps its alternatives under the kept message's new id.
    const after = next.get(oldId)
    if (after) {
      next.delete(oldId)
      next.set(renamed, after)
    }
  }
  const group = next.get(key) ?? { tails: [], index: 0 }
  const tails = group.tails.slice()
  if (kept.length > 0) {
    if (tails.length === 0) tails.push(kept)
    else tails[group.index] = kept
  }
  tails.push(tail)
  next.set(key, { tails, index: tails.length - 1 })
  return { messages: [...messages.slice(0, at), ...tail], branches: next }
}

/** The path with the alternative `index` shown at the place of `messages[at]`. */
export function switchTo(
  branches: Branches,
  messages: ChatMessage[],
  at: number,
  index: number,
): Forked {
  const key = keyAt(messages, at)
  const group = branches.get(key)
  if (!group || index === group.index) return { messages, branches }
  const tails = group.tails.slice()
  tails[group.index] = messages.slice(at)
  const next = new Map(branches).set(key, { tails, index })
  return { messages: [...messages.slice(0, at), ...tails[index]!], branches: next }
}

/** `{ index, count }` for the message at `at`, when it has siblings. */
export function branchAt(
  branches: Branches,
  messages: readonly ChatMessage[],
  at: number,
): { index: number; count: number } | undefined {
  const group = branches.get(keyAt(messages, at))
  if (!group || group.tails.length < 2) return undefined
  return { index: group.index, count: group.tails.length }
}

/** The path with each message's `branch` up to date (unchanged messages stay the same objects). */
export function stamp(branches: Branches, messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((message, at) => {
    const branch = branchAt(branches, messages, at)
    const same =
      branch === undefined
        ? message.branch === undefined
        : message.branch?.index === branch.index && message.branch.count === branch.count
    if (same) return message
    const next = { ...message }
    if (branch) next.branch = branch
    else delete next.branch
    return next
  })
}
