/**
 * Last-Event-ID bookkeeping for one run of a stream, with a guard against servers that ignore
 * `Last-Event-ID` and replay the stream from its start: after a resume, a message whose id was
 * already delivered in this run is skipped, until the first id not seen before arrives.
 */
export interface ResumeState {
  /** The last event ID of the messages delivered so far ('' when none): sent on a resume. */
  readonly lastEventId: string
  /** A new request begins; `resuming`: it was sent with `Last-Event-ID`. */
  begin(resuming: boolean): void
  /** The event stream set the last event ID (reported just before its message's parts). */
  onId(id: string): void
  /** True while the message being decoded is a replay of one already delivered. */
  replayed(): boolean
}

/**
 * Creates the resume state of one run. Ids are compared as opaque strings (WHATWG: the last
 * event ID is any string), so no order between them is assumed. A message without an id of its
 * own carries the previous one, as the event-stream algorithm says, and is judged by it; a message
 * before any id in the resumed response is delivered, since nothing shows it was seen.
 */
export function createResumeState(): ResumeState {
  const seen = new Set<string>()
  let lastEventId = ''
  let current = ''
  let skipping = false
  return {
    get lastEventId() {
      return lastEventId
    },
    begin(resuming) {
      current = ''
      skipping = resuming
    },
    onId(id) {
      current = id
      if (skipping) {
        // Still inside the replay: the id (or a reset of it) does not move the resume point.
        if (id === '' || seen.has(id)) return
        skipping = false
      }
      if (id !== '') seen.add(id)
      lastEventId = id
    },
    replayed: () => skipping && current !== '',
  }
}
