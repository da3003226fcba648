import '../../src/components/styles.css'
import { render } from '@testing-library/react'
import { setupWorker } from 'msw/browser'
import type { CSSProperties } from 'react'
import { Chat, type ChatProps } from 'rivulet/components'
import { mockHandler, type MockHandlerOptions } from 'rivulet/mock'

/** The msw service worker serving the mock LLM on `/api/<name>` for the chat browser tests. */
export function mockWorker(routes: Record<string, MockHandlerOptions>) {
  return setupWorker(
    ...Object.entries(routes).map(([name, options]) => mockHandler(`/api/${name}`, options)),
  )
}

/** Renders a default `<Chat>` (MessageList + Composer) against a mock route, in a frame. */
export function renderChat(
  route: string,
  { frame, ...props }: Omit<ChatProps, 'options' | 'value'> & { frame?: CSSProperties } = {},
) {
  const view = render(
    <div style={{ height: 480, display: 'flex', flexDirection: 'column', ...frame }}>
      <Chat options={{ url: `/api/${route}`, format: 'openai-chat', retry: false }} {...props} />
    </div>,
  )
  const root = view.container.querySelector<HTMLElement>('[data-slot="chat"]')!
  const q = <T extends Element>(selector: string) => root.querySelector(selector) as T
  return {
    ...view,
    root,
    field: q<HTMLTextAreaElement>('[data-slot="composer-input"]'),
    send: q<HTMLButtonElement>('[data-slot="send-button"]'),
    list: q<HTMLDivElement>('[data-slot="message-list"]'),
    live: q<HTMLDivElement>('[data-slot="live-region"]'),
    answers: () => [
      ...root.querySelectorAll<HTMLElement>('[data-slot="message"][data-role="assistant"]'),
    ],
    questions: () => [
      ...root.querySelectorAll<HTMLElement>('[data-slot="message"][data-role="user"]'),
    ],
  }
}

/** Polls until `check` holds (the mock streams in real time). */
export async function until(check: () => boolean, timeout = 20_000, what = 'condition') {
  const start = performance.now()
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 16))
  }
}

/** Two animation frames: React committed and the browser laid out. */
export const frames = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  )
