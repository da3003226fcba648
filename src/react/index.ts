'use client'

export { useStream } from './use-stream.ts'
export type { UseStreamOptions, UseStreamResult } from './use-stream.ts'
export { useChat } from './use-chat.ts'
export type { UseChatOptions, UseChatResult } from './use-chat.ts'
export type { Throttle } from './throttle.ts'
