import { Chat } from 'rivulet/components'
import type { StreamFormat } from 'rivulet/core'
import { useChat } from 'rivulet/react'
import 'rivulet/styles.css'

// What the page asks for; the dev server's proxy decides where /api/chat goes (vite.config.ts).
const model = import.meta.env.VITE_MODEL ?? 'gpt-4o-mini'
const format = (import.meta.env.VITE_FORMAT ?? 'auto') as StreamFormat

export function App() {
  const chat = useChat({
    url: '/api/chat',
    format,
    body: (messages) => ({
      model,
      stream: true,
      messages: messages.map(({ role, content }) => ({ role, content })),
      ...(format === 'anthropic' ? { max_tokens: 1024 } : {}),
    }),
  })
  return (
    <main>
      <h1>rivulet · Vite</h1>
      <Chat value={chat} className="chat" />
    </main>
  )
}
