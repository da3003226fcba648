'use client'

import { Chat } from 'rivulet/components'
import { useChat } from 'rivulet/react'

/** The chat: `useChat` posts `{ messages }` to the route handler and reads its OpenAI stream. */
export function AssistantChat() {
  const chat = useChat({ url: '/api/chat', format: 'openai-chat' })
  return <Chat value={chat} className="chat" />
}
