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
  /** Reasoning: the summary while the model thinks, and once it is done (`seconds` when measured). */
  thinking: string
  thoughtFor: (seconds?: number) => string
  /** A tool call's status and the headings of its arguments and result. */
  toolStatus: { streaming: string; waiting: string; done: string; error: string }
  toolCall: (name: string) => string
  toolArguments: string
  toolResult: string
  /** The list of cited sources, and the hint on links that open in a new tab. */
  sources: string
  opensInNewTab: string
  /** The branch picker: its buttons, and where the reader is (`index` is 0-based). */
  previousBranch: string
  nextBranch: string
  branchPosition: (index: number, count: number, role: 'user' | 'assistant' | 'system') => string
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
  thinking: 'Thinking…',
  thoughtFor: (seconds) =>
    seconds === undefined ? 'Reasoning' : `Thought for ${Math.max(1, seconds)} s`,
  toolStatus: {
    streaming: 'Preparing…',
    waiting: 'Waiting for result',
    done: 'Done',
    error: 'Failed',
  },
  toolCall: (name) => `Tool call: ${name}`,
  toolArguments: 'Arguments',
  toolResult: 'Result',
  sources: 'Sources',
  opensInNewTab: '(opens in a new tab)',
  previousBranch: 'Previous version',
  nextBranch: 'Next version',
  branchPosition: (index, count, role) =>
    `${role === 'user' ? 'Message' : 'Answer'} ${index + 1} of ${count}`,
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

/** A partial set of labels; `errors` and `toolStatus` may be partial too. */
export type ChatLabelsInput = Partial<Omit<ChatLabels, 'errors' | 'toolStatus'>> & {
  errors?: Partial<ChatLabels['errors']>
  toolStatus?: Partial<ChatLabels['toolStatus']>
}

/** The default labels with `labels` laid over them. */
export function resolveLabels(labels: ChatLabelsInput | undefined): ChatLabels {
  if (!labels) return defaultChatLabels
  return {
    ...defaultChatLabels,
    ...labels,
    errors: { ...defaultChatLabels.errors, ...labels.errors },
    toolStatus: { ...defaultChatLabels.toolStatus, ...labels.toolStatus },
  }
}
