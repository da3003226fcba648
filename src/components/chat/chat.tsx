import { forwardRef, useCallback, useMemo, useRef, type ComponentPropsWithoutRef } from 'react'
import { useChat, type UseChatOptions, type UseChatResult } from 'rivulet/react'
import { ChatContext, type ChatContextValue, type ChatMarkdownOptions } from './chat-context.ts'
import { Composer } from './composer.tsx'
import { resolveLabels, type ChatLabelsInput } from './labels.ts'
import { MessageList } from './message-list.tsx'
import { composeEventHandlers, Slot, type AsChildProps } from './primitive.tsx'
import type { ToolCallRender } from './tool-call-status.ts'

/** Props of {@link Chat}. */
export interface ChatProps extends ComponentPropsWithoutRef<'div'>, AsChildProps {
  /** A chat from `useChat(...)` (Ark's `RootProvider`): you keep the hook, the parts read it. */
  value?: UseChatResult
  /** Without `value`: the options of the chat `Chat` creates with `useChat`. */
  options?: UseChatOptions
  /** Replacements for any visible or announced string (English by default). */
  labels?: ChatLabelsInput
  /** `StreamingMarkdown` options for every answer, such as `highlight`. */
  markdown?: ChatMarkdownOptions
  /**
   * What a tool's calls show besides their name, arguments and result, by tool name: a render
   * function given the call, its status and `addResult` (a confirm button calling it).
   */
  tools?: Record<string, ToolCallRender>
}

type ChatRootProps = Omit<ChatProps, 'value' | 'options'> & { chat: UseChatResult }

const ChatRoot = forwardRef<HTMLDivElement, ChatRootProps>(function ChatRoot(
  { chat, labels, markdown, tools, asChild, children, onKeyDown, ...rest },
  ref,
) {
  const composerField = useRef<HTMLTextAreaElement | null>(null)
  const resolved = useMemo(() => resolveLabels(labels), [labels])
  const { stop } = chat
  const focusComposer = useCallback(() => composerField.current?.focus(), [])
  const stopAndFocus = useCallback(() => {
    stop()
    focusComposer()
  }, [stop, focusComposer])
  const context = useMemo<ChatContextValue>(
    () => ({
      chat,
      labels: resolved,
      markdown,
      tools,
      composerField,
      stopAndFocus,
      focusComposer,
    }),
    [chat, resolved, markdown, tools, stopAndFocus, focusComposer],
  )
  const Element = asChild ? Slot : 'div'
  return (
    <ChatContext.Provider value={context}>
      <Element
        data-slot="chat"
        data-status={chat.status}
        {...rest}
        ref={ref}
        onKeyDown={composeEventHandlers(onKeyDown, (event) => {
          // Escape anywhere in the chat stops the answer (not while an IME composition is open).
          if (event.key !== 'Escape' || event.nativeEvent.isComposing || !chat.isLoading) return
          event.preventDefault()
          stopAndFocus()
        })}
      >
        {children ?? (
          <>
            <MessageList />
            <Composer />
          </>
        )}
      </Element>
    </ChatContext.Provider>
  )
})

const OwnChat = forwardRef<HTMLDivElement, Omit<ChatProps, 'value'>>(function OwnChat(
  { options, ...rest },
  ref,
) {
  const chat = useChat(options)
  return <ChatRoot chat={chat} {...rest} ref={ref} />
})

/**
 * The root of a chat: it provides one chat to its parts. Give it `useChat`'s result
 * (`<Chat value={chat}>`) or let it create one (`<Chat options={{ url: '/api/chat' }}>`).
 * Without children it renders a `MessageList` and a `Composer`. Escape inside it stops the
 * answer. Renders a `div` with `data-slot="chat"` and `data-status` (the stream's status).
 */
export const Chat = /* @__PURE__ */ forwardRef<HTMLDivElement, ChatProps>(function Chat(
  { value, options, ...rest },
  ref,
) {
  if (value) return <ChatRoot chat={value} {...rest} ref={ref} />
  return <OwnChat options={options} {...rest} ref={ref} />
})
