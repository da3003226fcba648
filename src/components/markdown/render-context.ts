import { createElement, type ReactNode } from 'react'
import type { Token } from 'markdown-it'
import type { Definitions } from './definitions.ts'
import type { MarkdownElement, RenderOptions } from './types.ts'

/** What one block's render needs besides its tokens. */
export interface RenderContext {
  readonly options: RenderOptions
  readonly definitions: Definitions
  /** The typing cursor, or null; placed at the end of the block's last text. */
  readonly cursor: ReactNode
  /** The block is the open tail of a stream. */
  readonly open: boolean
}

/** The context plus what one walk over a block's tokens works out on the way. */
export interface Walk extends RenderContext {
  readonly cursorToken: Token | undefined
  readonly tasks: Map<Token, { checked: boolean; strip: number }>
}

/** An attribute as a string (markdown-it types them `string | number`). */
export function attr(token: Token, name: string): string | undefined {
  const value = token.attrGet(name)
  return value === null ? undefined : String(value)
}

/** Creates `tag`, or the `components` override for it. */
export function element(
  walk: Walk,
  tag: MarkdownElement,
  props: Record<string, unknown>,
  children?: ReactNode[],
) {
  const type = walk.options.components[tag] ?? tag
  return children === undefined
    ? createElement(type, props)
    : createElement(type, props, ...children)
}

/**
 * The plain text of inline tokens (link text, image alt text). Images nested in alt text are
 * walked with an explicit stack, not by recursion, so no nesting depth can overflow it.
 */
export function plainText(tokens: readonly Token[] | null): string {
  let text = ''
  const stack: { tokens: readonly Token[]; at: number }[] = [{ tokens: tokens ?? [], at: 0 }]
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { tokens: readonly Token[]; at: number }
    const token = top.tokens[top.at++]
    if (!token) {
      stack.pop()
      continue
    }
    if (token.type === 'text' || token.type === 'code_inline') text += token.content
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += '\n'
    else if (token.type === 'image' && token.children) stack.push({ tokens: token.children, at: 0 })
  }
  return text
}
