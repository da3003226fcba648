import {
  forwardRef,
  useEffect,
  useMemo,
  useRef,
  type ComponentPropsWithoutRef,
  type ReactNode,
} from 'react'
import type { ChatMessage } from 'rivulet/core'
import { useChatContext } from './chat-context.ts'
import { JumpToLatest } from './jump-to-latest.tsx'
import { Message } from './message.tsx'
import { MessageListContext } from './message-list-context.ts'
import { composeEventHandlers, composeRefs } from './primitive.tsx'
import { useAnnouncements } from './use-announcements.ts'
import { useFollowScroll } from './use-follow-scroll.ts'

/** Props of {@link MessageList}. */
export interface MessageListProps extends ComponentPropsWithoutRef<'div'> {
  /** How one message renders. Default: `<Message message={message} />`, system messages skipped. */
  renderMessage?: (message: ChatMessage) => ReactNode
  /** Shown after the messages (an empty state, suggestions…). */
  children?: ReactNode
}

function defaultRender(message: ChatMessage): ReactNode {
  return message.role === 'system' ? null : <Message key={message.id} message={message} />
}

/**
 * The conversation: a scrolling region (`data-slot="message-list"`) that follows the answer
 * while the reader is at the bottom, stops the moment they scroll up, offers "jump to latest",
 * and brings a new question into view. It owns the chat's polite live region: each finished
 * answer and each error is announced once (the streaming text itself is not a live region).
 */
export const MessageList = /* @__PURE__ */ forwardRef<HTMLDivElement, MessageListProps>(
  function MessageList({ renderMessage = defaultRender, children, onScroll, ...rest }, ref) {
    const { chat, labels } = useChatContext('MessageList')
    const {
      list,
      content,
      following,
      jumpToLatest,
      follow,
      onScroll: onListScroll,
    } = useFollowScroll()
    const scroll = useMemo(
      () => ({ following, jumpToLatest, follow, onScroll: onListScroll }),
      [following, jumpToLatest, follow, onListScroll],
    )
    const announcement = useAnnouncements(chat.messages, labels, list)

    // A new question (or an edited one) is brought into view and followed.
    const lastUser = chat.messages.findLast((m) => m.role === 'user')
    const question = lastUser ? `${lastUser.id}\u0000${lastUser.content}` : ''
    const asked = useRef(question)
    useEffect(() => {
      if (asked.current === question) return
      asked.current = question
      follow()
    }, [question, follow])

    return (
      <MessageListContext.Provider value={scroll}>
        <div
          data-slot="message-list"
          data-following={scroll.following ? '' : undefined}
          role="region"
          aria-label={labels.conversation}
          // Focusable, so the conversation scrolls from the keyboard too.
          tabIndex={0}
          {...rest}
          ref={composeRefs(ref, list)}
          onScroll={composeEventHandlers(onScroll, scroll.onScroll)}
        >
          <div data-slot="message-list-content" ref={content}>
            {chat.messages.map(renderMessage)}
            {children}
          </div>
          <JumpToLatest />
          <div data-slot="live-region" role="status" aria-live="polite" aria-atomic="true">
            {announcement ? <span key={announcement.key}>{announcement.text}</span> : null}
          </div>
        </div>
      </MessageListContext.Provider>
    )
  },
)
