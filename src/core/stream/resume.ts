/**
 * Last-Event-ID bookkeeping for one answer of a stream, with a guard against servers that
 * ignore `Last-Event-ID` and replay the stream from its start: after a resume, a message whose
 * id was already delivered in this answer is skipped, until the first id not seen before arrives.
 *
 * A resume is only offered when the ids can say exactly what was shown: the last message
 * delivered set an id of its own (else the messages after it would be sent again by a server
 * that honours the id, and shown twice), and no id was delivered twice (else a server that
 * restarts its answer would be skipped as a replay, ending with half the text). Otherwise the
 * stream restarts: the answer is replaced, never patched.
 */
export interface ResumeState {
  /** The last event ID of the messages delivered so far ('' when none). */
  readonly lastEventId: string
  /**
   * True when a new request may append to the answer by sending `lastEventId`: there is one,
   * it covers every message delivered, and the ids seen identify messages.
   */
  readonly resumable: boolean
  /** A new request begins; `resuming`: it was sent with `Last-Event-ID`. */
  begin(resuming: boolean): void
  /** The event stream set the last event ID (reported just before its message's parts). */
  onId(id: string): void
  /** An SSE message begins; `ownId`: an `id:` field came with it (not carried forward). */
  onMessage(ownId: boolean): void
  /** The current message delivered a part (it was not skipped as a replay). */
  onDelivered(): void
  /** True while the message being decoded is a replay of one already delivered (skipped). */
  replayed(): boolean
  /**
   * True once the response sent with `Last-Event-ID` carried an id on more messages than the
   * answer did: it is not a replay of what was shown (a restart with a constant id, say), and
   * neither skipping nor appending it gives the server's text. The request must restart.
   */
  conflicted(): boolean
}

/**
 * Creates the resume state of one answer (a restart takes a new one). Ids are compared as
 * opaque strings (WHATWG: the last event ID is any string), so no order between them is
 * assumed. A message without an id of its own carries the previous one, as the event-stream
 * algorithm says, and is judged by it; a message before any id in the resumed response is
 * delivered, since nothing shows it was seen.
 */
export function createResumeState(): ResumeState {
  // Per id, the messages of the answer that carried it (own or carried forward).
  const seen = new Map<string, number>()
  // Per id, the messages of the current replay that carried it.
  const replayedCount = new Map<string, number>()
  let lastEventId = ''
  let current = ''
  let skipping = false
  // The message being decoded set an id of its own.
  let ownId = false
  // A message without an id of its own was delivered after the last id: not covered by it.
  let uncovered = false
  // Ids do not identify messages: one was set twice outside a replay, or a replay carried an
  // id on more messages than the answer did (a restart, not a replay).
  let repeated = false
  let conflict = false
  return {
    get lastEventId() {
      return lastEventId
    },
    get resumable() {
      return lastEventId !== '' && !uncovered && !repeated
    },
    begin(resuming) {
      current = ''
      skipping = resuming
      ownId = false
      conflict = false
      replayedCount.clear()
    },
    onId(id) {
      current = id
      if (skipping) {
        // Still inside the replay: the id (or a reset of it) does not move the resume point.
        if (id === '' || seen.has(id)) return
        skipping = false
      }
      if (id !== '' && seen.has(id)) repeated = true
      lastEventId = id
      // Everything delivered so far came before this id.
      uncovered = false
    },
    onMessage(own) {
      ownId = own
      if (current === '') return
      if (skipping) {
        const n = (replayedCount.get(current) ?? 0) + 1
        replayedCount.set(current, n)
        if (n > (seen.get(current) ?? 0)) {
          repeated = true
          conflict = true
        }
      } else {
        seen.set(current, (seen.get(current) ?? 0) + 1)
      }
    },
    onDelivered() {
      if (!ownId) uncovered = true
    },
    replayed: () => skipping && current !== '',
    conflicted: () => conflict,
  }
}
