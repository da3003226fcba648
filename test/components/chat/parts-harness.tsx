import { Chat, type ChatProps } from 'rivulet/components'
import { mockStream, type MockStreamOptions } from 'rivulet/mock'
import { useChat, type UseChatOptions } from 'rivulet/react'

/** The bodies of the requests a scripted chat sent, parsed. */
export interface ChatRequests {
  bodies: { messages: { role: string; content: unknown }[] }[]
}

/**
 * An injected fetch answering request n with `mockStream(script(n))`: the wire a provider
 * would send, so the parts come through the real decoders and the chat controller.
 */
export function scriptedMock(script: (call: number) => MockStreamOptions) {
  const requests: ChatRequests = { bodies: [] }
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
    const call = requests.bodies.length
    requests.bodies.push(JSON.parse(String(init?.body)))
    return mockStream({ ...script(call), signal: init?.signal ?? undefined })
  }
  return { fetch, requests }
}

/** A chat as an app writes it: `useChat` handed to `<Chat value>`, every commit rendered. */
export function PartsChat({
  options,
  ...props
}: Omit<ChatProps, 'value' | 'options'> & { options: UseChatOptions }) {
  const chat = useChat({ url: '/api/chat', retry: false, throttle: false, ...options })
  return <Chat value={chat} {...props} />
}
