import { useMemo, useState } from 'react'
import { createChat, isActive } from 'rivulet/core'
import type { ChatController, ChatOptions, ChatSnapshot } from 'rivulet/core'
import { createTaskGuard } from './task-guard.ts'
import type { Throttle } from './throttle.ts'
import { unbound, useControllerSnapshot, useStopOnUnmount } from './use-controller.ts'
import { useOptionsHandOver } from './use-options-hand-over.ts'

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

/**
 * A chat in React: message history plus one streamed assistant answer at a time. The controller
 * is created once (or bound with `chat`); options are read from the latest render when a
 * request starts. Unmounting aborts the answer in flight of a chat the hook created.
 * @example
 * const { messages, send, stop, isLoading } = useChat({ url: '/api/chat', format: 'anthropic' })
 */
export function useChat(options: UseChatOptions = {}): UseChatResult {
  const { throttle, chat: bound, ...chatOptions } = options
  const [own] = useState(() => (bound ? undefined : createChat(chatOptions)))
  useOptionsHandOver(own, chatOptions)
  const chat = bound ?? own ?? unbound('useChat', 'chat')
  useStopOnUnmount(own)
  const snapshot = useControllerSnapshot(chat, throttle ?? 'frame')
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
