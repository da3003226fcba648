import { expectTypeOf, test } from 'vitest'
import type {
  ChatController,
  ChatMessage,
  StreamController,
  StreamError,
  StreamFormat,
  StreamPart,
  StreamResult,
  StreamSnapshot,
  StreamStatus,
} from 'rivulet/core'
import type { useChat, useStream } from 'rivulet/react'

// Checked by `tsc --noEmit` (npm run typecheck): the names and shapes of the public contract.
test('the contract types keep their shapes', () => {
  expectTypeOf<StreamStatus>().toEqualTypeOf<
    'idle' | 'connecting' | 'streaming' | 'retrying' | 'done' | 'error' | 'aborted'
  >()
  expectTypeOf<StreamError['kind']>().toEqualTypeOf<
    'http' | 'network' | 'timeout' | 'parse' | 'provider' | 'truncated' | 'aborted'
  >()
  expectTypeOf<StreamError>().toHaveProperty('partialText').toEqualTypeOf<string>()
  expectTypeOf<StreamError>().toHaveProperty('retryable').toEqualTypeOf<boolean>()
  // The contract's four kinds stay; reasoning, tool-call and source deltas were added (issue 12).
  expectTypeOf<'text' | 'finish' | 'data' | 'error'>().toExtend<StreamPart['type']>()
  expectTypeOf<'openai-chat'>().toExtend<StreamFormat>()
  expectTypeOf<'auto'>().toExtend<StreamFormat>()
  expectTypeOf<StreamController['start']>().returns.toEqualTypeOf<Promise<StreamResult>>()
  expectTypeOf<StreamController['getSnapshot']>().returns.toEqualTypeOf<StreamSnapshot>()
  expectTypeOf<ChatController['send']>().parameters.toEqualTypeOf<[content: string]>()
  expectTypeOf<ChatMessage['role']>().toEqualTypeOf<'system' | 'user' | 'assistant'>()
  expectTypeOf<ReturnType<typeof useStream>>().toHaveProperty('isLoading').toEqualTypeOf<boolean>()
  expectTypeOf<ReturnType<typeof useChat>>()
    .toHaveProperty('messages')
    .toEqualTypeOf<ChatMessage[]>()
})
