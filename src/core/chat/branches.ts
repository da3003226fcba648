import type { ChatMessage } from './types.ts'

/** The alternatives for the message at one place of the conversation, and which is shown. */
interface Group {
  /** Each alternative is the message and everything that followed it on that branch. */
  tails: ChatMessage[][]
  index: number
}

const root = '\u0000root'

/**
 * The branches of a chat: for the place after each message (or the start), the alternative
 * continuations it has had (answers replaced by `regenerate`, questions rewritten by `edit`,
 * with the turns that followed them). The chat's `messages` is always the path shown; the
 * alternatives not shown are kept here, keyed by the id of the message before them.
 */
export interface Branches {
  /**
   * Keeps `messages.slice(at)` as an alternative and shows `tail` in its place. `renamed`:
   * the id the kept first message gets, when the new tail reuses its id.
   */
  fork(messages: ChatMessage[], at: number, tail: ChatMessage[], renamed?: string): ChatMessage[]
  /** The path with the alternative `index` shown at the place of `messages[at]`. */
  switchTo(messages: ChatMessage[], at: number, index: number): ChatMessage[]
  /** `{ index, count }` for the message at `at`, when it has siblings. */
  branchAt(messages: ChatMessage[], at: number): { index: number; count: number } | undefined
  /** The path with each message's `branch` up to date (unchanged messages stay the same objects). */
  stamp(messages: ChatMessage[]): ChatMessage[]
  clear(): void
}

/** Creates the branch store of one chat. */
export function createBranches(): Branches {
  const groups = new Map<string, Group>()
  const keyAt = (messages: ChatMessage[], at: number) => (at === 0 ? root : messages[at - 1]!.id)

  return {
    fork(messages, at, tail, renamed) {
      const key = keyAt(messages, at)
      const kept = messages.slice(at)
      if (renamed !== undefined && kept[0]) {
        const oldId = kept[0].id
        kept[0] = { ...kept[0], id: renamed }
        // What followed the kept message keeps its alternatives under the kept message's new id.
        const after = groups.get(oldId)
        if (after) {
          groups.delete(oldId)
          groups.set(renamed, after)
        }
      }
      let group = groups.get(key)
      if (!group) {
        group = { tails: [], index: 0 }
        groups.set(key, group)
      }
      if (kept.length > 0) {
        if (group.tails.length === 0) group.tails.push(kept)
        else group.tails[group.index] = kept
      }
      group.tails.push(tail)
      group.index = group.tails.length - 1
      return [...messages.slice(0, at), ...tail]
    },
    switchTo(messages, at, index) {
      const group = groups.get(keyAt(messages, at))
      if (!group || index === group.index) return messages
      group.tails[group.index] = messages.slice(at)
      group.index = index
      return [...messages.slice(0, at), ...group.tails[index]!]
    },
    branchAt(messages, at) {
      const group = groups.get(keyAt(messages, at))
      if (!group || group.tails.length < 2) return undefined
      return { index: group.index, count: group.tails.length }
    },
    stamp(messages) {
      return messages.map((message, at) => {
        const branch = this.branchAt(messages, at)
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
    },
    clear: () => groups.clear(),
  }
}
