/** Every string the chat parts show or announce. Pass a partial set to `Chat`'s `labels`. */
export interface ChatLabels {
  /** The conversation's accessible name. */
  conversation: string
  /** Names of the speakers (message headers, accessible names). */
  user: string
  assistant: string
  system: string
  /** The message field's accessible name and placeholder. */
  composerLabel: string
  composerPlaceholder: string
  send: string
  stop: string
  regenerate: string
  retry: string
  copy: string
  copied: string
  edit: string
  save: string
  cancel: string
  /** The field that edits a sent message. */
  editLabel: string
  jumpToLatest: string
  /** Shown before the first token of an answer. */
  pending: string
  /** While the answer reconnects; `seconds` is the server's `Retry-After` wait when it sent one. */
  reconnecting: (attempt: number, seconds?: number) => string
  /** The marker under an answer the reader stopped. */
  stopped: string
  /** Announced once when an answer finishes (the answer's text follows). */
  answerFinished: string
  /** Stream statistics. */
  timeToFirstToken: string
  tokensPerSecond: string
  duration: string
  /** What went wrong, in words a reader understands. */
  errors: {
    rateLimited: string
    serverError: (status?: number) => string
    connectionLost: string
    offline: string
    timeout: string
    truncated: string
    refused: string
    unauthorised: string
    badRequest: (status?: number) => string
    malformed: string
    unknown: string
  }
}

/** The English labels every part uses unless `Chat` is given others. */
export const defaultChatLabels: ChatLabels = {
  conversation: 'Conversation',
  user: 'You',
  assistant: 'Assistant',
  system: 'System',
  composerLabel: 'Message',
  composerPlaceholder: 'Ask anything…',
  send: 'Send',
  stop: 'Stop',
  regenerate: 'Regenerate',
  retry: 'Retry',
  copy: 'Copy',
  copied: 'Copied',
  edit: 'Edit',
  save: 'Save and send',
  cancel: 'Cancel',
  editLabel: 'Edit your message',
  jumpToLatest: 'Jump to latest',
  pending: 'Thinking…',
  reconnecting: (attempt, seconds) =>
    seconds && seconds > 0
      ? `Reconnecting in ${seconds} s… (attempt ${attempt})`
      : `Reconnecting… (attempt ${attempt})`,
  stopped: 'Stopped',
  answerFinished: 'Answer:',
  timeToFirstToken: 'First token',
  tokensPerSecond: 'Speed',
  duration: 'Duration',
  errors: {
    rateLimited:
      'Too many requests right now: the service asked us to slow down. Try again in a moment.',
    serverError: (status) =>
      `The server ran into a problem${status ? ` (error ${status})` : ''}. Try again.`,
    connectionLost: 'The connection was lost before the answer finished.',
    offline: 'You appear to be offline. Check your connection and try again.',
    timeout: 'The server took too long to answer.',
    truncated: 'The answer was cut off before it finished.',
    refused: 'The model provider could not complete this answer.',
    unauthorised:
      'You are not authorised to use this chat. Sign in again or check your access key.',
    badRequest: (status) =>
      `The server could not accept this request${status ? ` (error ${status})` : ''}.`,
    malformed: 'The answer arrived in a form that could not be read.',
    unknown: 'Something went wrong while answering.',
  },
}

/** A partial set of labels; `errors` may be partial too. */
export type ChatLabelsInput = Partial<Omit<ChatLabels, 'errors'>> & {
  errors?: Partial<ChatLabels['errors']>
}

/** The default labels with `labels` laid over them. */
export function resolveLabels(labels: ChatLabelsInput | undefined): ChatLabels {
  if (!labels) return defaultChatLabels
  return {
    ...defaultChatLabels,
    ...labels,
    errors: { ...defaultChatLabels.errors, ...labels.errors },
  }
}
