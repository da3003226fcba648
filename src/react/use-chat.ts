import { useMemo, useState } from 'react'
import { createChat, isActive } from 'rivulet/core'
import type { ChatController, ChatOptions, ChatSnapshot } from 'rivulet/core'
import { STREAM_OPTION_KEYS, readThrough } from './read-through.ts'
import { createTaskGuard } from './task-guard.ts'
import type { Throttle } from './throttle.ts'
import { unbound, useControllerSnapshot, useStopOnUnmount } from './use-controller.ts'
import { useLatest } from './use-latest.ts'

/** Options of {@link useChat}: everything `createChat` takes, plus how often to commit. */
export interface UseChatOptions extends ChatOptions {
  /** At most one React commit per animation frame, per that many ms, or (`false`) per change. @defaultValue 'frame' */
  throttle?: Throttle
  /**
   * Render a chat made with `createChat` outside React, so it survives route changes.
   * It is not stopped on unmount; the other options are then ignored.
   */
  chat?: ChatController
}

/** The chat's snapshot, `isLoading` (derived from `status`) and its actions, stable across renders. */
export type UseChatResult = ChatSnapshot & { isLoading: boolean } & Pick<
    ChatController,
    | 'send'
    | 'stop'
    | 'regenerate'
    | 'edit'
    | 'retry'
    | 'setMessages'
    | 'reset'
    | 'addToolResult'
    | 'switchBranch'
  >

const CHAT_OPTION_KEYS = [
  ...STREAM_OPTION_KEYS,
  'initialMessages',
  'generateId',
  'onToolCall',
  'maxSteps',
] as const

/**
 * A chat in React: message history plus one streamed assistant answer at a time. The controller
 * is created once (or bound with `chat`); options are read from the latest render when a
 * request starts. Unmounting aborts the answer in flight of a chat the hook created.
 * @example
 * const { messages, send, stop, isLoading } = useChat({ url: '/api/chat', format: 'anthropic' })
 */
export function useChat(options: UseChatOptions = {}): UseChatResult {
  const latest = useLatest(options)
  const [own] = useState(() =>
    options.chat ? undefined : createChat(readThrough(latest, CHAT_OPTION_KEYS)),
  )
  const chat = options.chat ?? own ?? unbound('useChat', 'chat')
  useStopOnUnmount(own)
  const snapshot = useControllerSnapshot(chat, options.throttle ?? 'frame')
  const actions = useMemo(() => {
    const guard = createTaskGuard()
    return {
      send: guard.once((content: string) => chat.send(content)),
      stop: guard.clearing(() => chat.stop()),
      regenerate: guard.clearing((messageId?: string) => chat.regenerate(messageId)),
      edit: guard.clearing((messageId: string, content: string) => chat.edit(messageId, content)),
      retry: guard.clearing(() => chat.retry()),
      setMessages: guard.clearing((messages: Parameters<ChatController['setMessages']>[0]) =>
        chat.setMessages(messages),
      ),
      reset: guard.clearing(() => chat.reset()),
      addToolResult: (callId: string, result: unknown) => chat.addToolResult(callId, result),
      switchBranch: guard.clearing((messageId: string, index: number) =>
        chat.switchBranch(messageId, index),
      ),
    }
  }, [chat])
  return useMemo(
    () => ({ ...snapshot, isLoading: isActive(snapshot.status), ...actions }),
    [snapshot, actions],
  )
}
