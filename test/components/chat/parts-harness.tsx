import { Chat, type ChatProps } from 'rivulet/components'
import { useChat, type UseChatOptions } from 'rivulet/react'

/** A chat as an app writes it: `useChat` handed to `<Chat value>`, every commit rendered. */
export function PartsChat({
  options,
  ...props
}: Omit<ChatProps, 'value' | 'options'> & { options: UseChatOptions }) {
  const chat = useChat({ url: '/api/chat', retry: false, throttle: false, ...options })
  return <Chat value={chat} {...props} />
}
