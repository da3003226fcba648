import type { ComponentType, ElementType, ReactNode } from 'react'
import type { UrlTransform } from './url-policy.ts'

/** The HTML elements markdown renders to; each can be replaced through `components`. */
export type MarkdownElement =
  | 'a'
  | 'blockquote'
  | 'br'
  | 'code'
  | 'del'
  | 'em'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'hr'
  | 'img'
  | 'input'
  | 'li'
  | 'ol'
  | 'p'
  | 'pre'
  | 'section'
  | 'strong'
  | 'sup'
  | 'table'
  | 'tbody'
  | 'td'
  | 'th'
  | 'thead'
  | 'tr'
  | 'ul'

/**
 * Per-element overrides, like react-markdown's `components`: `{ a: MyLink, h1: 'h2' }`. A
 * component receives the props the element would get (already URL-checked) and `children`.
 */
export type MarkdownComponents = Partial<Record<MarkdownElement, ElementType>>

/**
 * Lazy syntax highlighting: given the code and its language, resolve to the highlighted
 * content (or `null` to keep plain text). Called once per distinct code + language.
 */
export type Highlighter = (code: string, language: string) => Promise<ReactNode> | ReactNode

/** Everything a block needs to render, kept in one object so blocks can compare it by identity. */
export interface RenderOptions {
  readonly components: MarkdownComponents
  readonly urlTransform: UrlTransform
  readonly allowedImageHosts: readonly string[]
  readonly highlight: Highlighter | false
  readonly linkTarget: string | undefined
  /** Repair the open tail's unfinished markdown (default true). */
  readonly repair: boolean
  /** Prefix for footnote ids, unique per StreamingMarkdown so two answers do not clash. */
  readonly idPrefix: string
  readonly CodeBlock: ComponentType<CodeBlockRenderProps>
}

/** What the renderer hands to the code block part. */
export interface CodeBlockRenderProps {
  code: string
  language: string
  /** The block is still being written: no highlighting yet. */
  open: boolean
  cursor: ReactNode
  options: RenderOptions
}
