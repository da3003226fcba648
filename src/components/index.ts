'use client'

export { StreamingMarkdown, type StreamingMarkdownProps } from './streaming-markdown.tsx'
export { TypingCursor, type TypingCursorProps } from './typing-cursor.tsx'
export {
  defaultUrlTransform,
  isImageAllowed,
  isSafeUrl,
  type UrlKey,
  type UrlTransform,
} from './markdown/url-policy.ts'
export type { Highlighter, MarkdownComponents, MarkdownElement } from './markdown/types.ts'
export { defaultRepairHandlers, repairTail, type RepairHandler } from './markdown/repair.ts'
export { Chat, type ChatProps } from './chat/chat.tsx'
export {
  useChatContext,
  type ChatContextValue,
  type ChatMarkdownOptions,
} from './chat/chat-context.ts'
export { MessageList, type MessageListProps } from './chat/message-list.tsx'
export { JumpToLatest, type JumpToLatestProps } from './chat/jump-to-latest.tsx'
export { Message, type MessageProps } from './chat/message.tsx'
export { useMessageContext, type MessageContextValue } from './chat/message-context.ts'
export { MessageHeader, type MessageHeaderProps } from './chat/message-header.tsx'
export { MessageContent, type MessageContentProps } from './chat/message-content.tsx'
export { MessageText, type MessageTextProps } from './chat/message-text.tsx'
export { MessageEditor, type MessageEditorProps } from './chat/message-editor.tsx'
export { MessageStatus, type MessageStatusProps } from './chat/message-status.tsx'
export { MessageActions, type MessageActionsProps } from './chat/message-actions.tsx'
export { CopyMessageButton, type CopyMessageButtonProps } from './chat/copy-message-button.tsx'
export { EditMessageButton, type EditMessageButtonProps } from './chat/edit-message-button.tsx'
export { Composer, type ComposerProps } from './chat/composer.tsx'
export { ComposerInput, type ComposerInputProps } from './chat/composer-input.tsx'
export { SendButton, type SendButtonProps } from './chat/send-button.tsx'
export { StopButton, type StopButtonProps } from './chat/stop-button.tsx'
export { RegenerateButton, type RegenerateButtonProps } from './chat/regenerate-button.tsx'
export { Reasoning, type ReasoningProps } from './chat/reasoning.tsx'
export { ToolCall, type ToolCallProps } from './chat/tool-call.tsx'
export type {
  ToolCallRender,
  ToolCallRenderProps,
  ToolCallStatus,
} from './chat/tool-call-status.ts'
export { Sources, type SourceItem, type SourcesProps } from './chat/sources.tsx'
export { BranchPicker, type BranchPickerProps } from './chat/branch-picker.tsx'
export { ErrorNotice, type ErrorNoticeProps } from './chat/error-notice.tsx'
export { StreamStats, type StreamStatsProps } from './chat/stream-stats.tsx'
export { describeError, errorReason, type ErrorReason } from './chat/describe-error.ts'
export { defaultChatLabels, type ChatLabels, type ChatLabelsInput } from './chat/labels.ts'
export { Slot, type AsChildProps } from './chat/primitive.tsx'
