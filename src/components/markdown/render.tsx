import { createElement, Fragment, type ReactNode } from 'react'
import type { Token } from 'markdown-it'
import { attr, element, plainText, type RenderContext, type Walk } from './render-context.ts'
import { renderFootnoteRef, renderImage, renderLink } from './render-links.tsx'
import type { MarkdownElement } from './types.ts'

export type { RenderContext } from './render-context.ts'

const TASK = /^\[([ xX])\][ \t]/

/**
 * The deepest nesting of elements a block renders. Markdown nests without limit (`**a **b …`
 * thousands of levels deep), and both this walk and React's own render, commit and server
 * render recurse once per level, so a deep enough answer would overflow the stack. Below this
 * depth the rest of the content shows as plain text.
 */
export const MAX_DEPTH = 40

/** The last leaf token: where the cursor goes. Inline text and code can hold it. */
function findCursorToken(tokens: Token[]): Token | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]
    if (!token || token.nesting !== 0) continue
    return token.type === 'inline' || token.type === 'fence' || token.type === 'code_block'
      ? token
      : undefined
  }
  return undefined
}

/** The text a reader sees in a token stream (used to tell whether a repair closer was consumed). */
export function visibleText(tokens: readonly Token[]): string {
  let text = ''
  for (const token of tokens) {
    if (token.type === 'inline') text += plainText(token.children)
    else if (token.type === 'fence' || token.type === 'code_block') text += token.content
    text += token.block && token.nesting === -1 ? '\n' : ''
  }
  return text
}

function renderLeaf(walk: Walk, token: Token, key: number, depth: number): ReactNode {
  const cursor = token === walk.cursorToken ? walk.cursor : null
  switch (token.type) {
    case 'inline': {
      const children = build(walk, token.children ?? [], 0, token.children?.length ?? 0, depth)
      const task = walk.tasks.get(token)
      if (task !== undefined) {
        // Tokens are never mutated (a render may run twice on the same tokens): the marker
        // `[x] ` is cut from the rendered string instead.
        if (typeof children[0] === 'string') children[0] = children[0].slice(task.strip)
        children.unshift(
          element(walk, 'input', {
            key: 'task',
            type: 'checkbox',
            checked: task.checked,
            disabled: true,
            readOnly: true,
            // A name for assistive technology (axe: every form control has a label).
            'aria-label': task.checked ? 'Done' : 'Not done',
          }),
          ' ',
        )
      }
      if (cursor) children.push(createElement(Fragment, { key: 'cursor' }, cursor))
      return createElement(Fragment, { key }, ...children)
    }
    case 'text':
    case 'html_inline':
    case 'html_block':
      return token.content
    case 'code_inline':
      return element(walk, 'code', { key }, [token.content])
    case 'softbreak':
      return '\n'
    case 'hardbreak':
      return element(walk, 'br', { key })
    case 'fence':
    case 'code_block': {
      const language = token.info.trim().split(/\s+/)[0] ?? ''
      const { CodeBlock } = walk.options
      return createElement(CodeBlock, {
        key,
        code: token.content,
        language,
        open: walk.open && token === walk.cursorToken,
        cursor,
        options: walk.options,
      })
    }
    case 'hr':
      return element(walk, 'hr', { key })
    case 'image':
      return renderImage(walk, token, key)
    case 'footnote_ref':
      return renderFootnoteRef(walk, token, key)
    default:
      return token.content || null
  }
}

function alignment(token: Token) {
  const style = attr(token, 'style') ?? ''
  const align = /text-align:\s*(left|right|center)/.exec(style)?.[1]
  return align ? { textAlign: align as 'left' | 'right' | 'center' } : undefined
}

function renderContainer(
  walk: Walk,
  tokens: Token[],
  open: number,
  close: number,
  key: number,
  depth: number,
): ReactNode {
  const token = tokens[open] as Token
  // Before the children are built: it marks the inline that starts with `[x] `.
  const task = token.type === 'list_item_open' ? taskOf(walk, tokens, open) : undefined
  const children = build(walk, tokens, open + 1, close, depth + 1)
  switch (token.type) {
    case 'paragraph_open':
      return token.hidden
        ? createElement(Fragment, { key }, ...children)
        : element(walk, 'p', { key }, children)
    case 'heading_open':
      return element(walk, token.tag as MarkdownElement, { key }, children)
    case 'blockquote_open':
      return element(walk, 'blockquote', { key }, children)
    case 'bullet_list_open':
      return element(walk, 'ul', { key }, children)
    case 'ordered_list_open': {
      const start = Number(attr(token, 'start') ?? 1)
      return element(walk, 'ol', { key, start: start === 1 ? undefined : start }, children)
    }
    case 'list_item_open':
      return element(walk, 'li', { key, 'data-task': task }, children)
    case 'table_open':
      return element(walk, 'table', { key }, children)
    case 'thead_open':
      return element(walk, 'thead', { key }, children)
    case 'tbody_open':
      return element(walk, 'tbody', { key }, children)
    case 'tr_open':
      return element(walk, 'tr', { key }, children)
    case 'th_open':
      return element(walk, 'th', { key, style: alignment(token) }, children)
    case 'td_open':
      return element(walk, 'td', { key, style: alignment(token) }, children)
    case 'em_open':
      return element(walk, 'em', { key }, children)
    case 'strong_open':
      return element(walk, 'strong', { key }, children)
    case 's_open':
      return element(walk, 'del', { key }, children)
    case 'link_open':
      return renderLink(walk, token, key, children, plainText(tokens.slice(open + 1, close)))
    case 'footnote_reference_open': {
      // An ordered list starting at the note's number: each definition is its own block, and
      // the notes (written last, as they are) read and sound as one numbered list.
      const label = String(token.meta?.label ?? '')
      const number = walk.definitions.footnotes.indexOf(label) + 1
      const prefix = walk.options.idPrefix
      const back = element(
        walk,
        'a',
        {
          key: 'back',
          href: `#${prefix}fnref-${label}`,
          'aria-label': `Back to reference ${number}`,
        },
        ['↩'],
      )
      const item = element(
        walk,
        'li',
        { key: 'note', id: `${prefix}fn-${label}`, 'data-slot': 'footnote' },
        [...children, back],
      )
      return element(walk, 'ol', { key, start: number, 'data-slot': 'footnotes' }, [item])
    }
    default:
      return createElement(Fragment, { key }, ...children)
  }
}

/** Marks the first inline of a GFM task list item and returns its `data-task` state. */
function taskOf(walk: Walk, tokens: Token[], open: number): string | undefined {
  const paragraph = tokens[open + 1]
  const inline = tokens[open + 2]
  const first = inline?.children?.[0]
  if (paragraph?.type !== 'paragraph_open' || inline?.type !== 'inline' || first?.type !== 'text')
    return undefined
  const match = TASK.exec(first.content)
  if (!match) return undefined
  const checked = match[1] !== ' '
  walk.tasks.set(inline, { checked, strip: match[0].length })
  return checked ? 'checked' : 'unchecked'
}

function build(
  walk: Walk,
  tokens: Token[],
  start: number,
  end: number,
  depth: number,
): ReactNode[] {
  if (depth >= MAX_DEPTH) return flatten(walk, tokens, start, end)
  const out: ReactNode[] = []
  for (let i = start; i < end; i++) {
    const token = tokens[i] as Token
    if (token.nesting === 1) {
      let level = 1
      let j = i + 1
      for (; j < end; j++) {
        level += (tokens[j] as Token).nesting
        if (level === 0) break
      }
      out.push(renderContainer(walk, tokens, i, j, i, depth))
      i = j
    } else if (token.nesting === 0) {
      out.push(renderLeaf(walk, token, i, depth))
    }
  }
  return out
}

/** Content too deeply nested to render as elements: its text, in one loop (no recursion). */
function flatten(walk: Walk, tokens: Token[], start: number, end: number): ReactNode[] {
  let text = ''
  let cursor = false
  const add = (token: Token) => {
    if (token === walk.cursorToken) cursor = true
    if (token.type === 'softbreak' || token.type === 'hardbreak') text += '\n'
    else if (token.type === 'image') text += plainText(token.children)
    else if (token.nesting === 0 && token.type !== 'inline') text += token.content
    else if (token.block && token.nesting === -1) text += '\n'
  }
  for (let i = start; i < end; i++) {
    const token = tokens[i] as Token
    add(token)
    if (token.type === 'inline') for (const child of token.children ?? []) add(child)
  }
  const out: ReactNode[] = [text]
  if (cursor) out.push(createElement(Fragment, { key: 'cursor' }, walk.cursor))
  return out
}

/** Renders one block's markdown-it tokens to React elements (never to an HTML string). */
export function renderTokens(tokens: Token[], context: RenderContext): ReactNode {
  const cursorToken = context.cursor ? findCursorToken(tokens) : undefined
  const walk: Walk = { ...context, cursorToken, tasks: new Map() }
  const out = build(walk, tokens, 0, tokens.length, 0)
  if (context.cursor && !cursorToken)
    out.push(createElement(Fragment, { key: 'cursor' }, context.cursor))
  return out
}
