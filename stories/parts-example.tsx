import '../src/components/styles.css'
import './chat-example.css'
import { useState, type CSSProperties } from 'react'
import { Chat, type ToolCallRender } from 'rivulet/components'
import { toRequestMessages, type ChatMessage, type RequestFormat } from 'rivulet/core'
import { useChat } from 'rivulet/react'

/** What the weather "service" answers once the reader allowed the lookup. */
export const parisWeather = { city: 'Paris', temperature: 21, unit: 'C', condition: 'sunny' }

/** The weather tool needs the reader's go-ahead: a button that gives the result. */
const getWeather: ToolCallRender = ({ status, addResult }) =>
  status === 'waiting' ? (
    <button type="button" data-variant="primary" onClick={() => addResult(parisWeather)}>
      Allow weather lookup
    </button>
  ) : null

const tools = { get_weather: getWeather }

/** Props of the message-part stories' example app. */
export interface PartsExampleProps {
  /** The mock endpoint (its handler is set by the story). */
  url: string
  format?: RequestFormat
  /** Force a theme; default follows the OS. */
  theme?: 'light' | 'dark'
  height?: CSSProperties['height']
  width?: CSSProperties['width']
  initialMessages?: ChatMessage[]
}

/**
 * A chat as an app with tools writes it: the history goes to the provider with
 * `toRequestMessages` (tool calls and results included), and the weather tool's calls get a
 * confirm button through `Chat`'s `tools`.
 */
export function PartsExample({
  url,
  format = 'openai-chat',
  theme,
  height = 640,
  width,
  initialMessages,
}: PartsExampleProps) {
  // Each mounted story is its own session, so the mock tells a new chat's requests apart.
  const [session] = useState(() => Math.random().toString(36).slice(2))
  const chat = useChat({
    url,
    format,
    initialMessages,
    retry: false,
    body: (messages) => ({ messages: toRequestMessages(messages, format), session }),
  })
  return (
    <div className="chat-frame" data-theme={theme} style={{ height, width }}>
      <Chat value={chat} tools={tools} />
    </div>
  )
}
