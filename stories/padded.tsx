import type { ReactNode } from 'react'

/** Story-only: room around a part shown on its own (a `MessageList` gives it this room in an app). */
export function Padded({ children }: { children: ReactNode }) {
  return <div style={{ padding: 16, overflow: 'auto', minHeight: 0 }}>{children}</div>
}
