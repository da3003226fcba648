import type { ReactNode } from 'react'
import 'rivulet/styles.css'
import './app.css'

export const metadata = { title: 'rivulet · Next.js chat' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
