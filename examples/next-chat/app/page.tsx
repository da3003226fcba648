import { AssistantChat } from './assistant-chat'

// A server component: it renders on the server, the chat hydrates in the browser.
export default function Page() {
  return (
    <main>
      <h1>rivulet · Next.js</h1>
      <AssistantChat />
    </main>
  )
}
