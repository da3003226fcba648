import { useEffect, useState, type ReactNode } from 'react'
import type { CodeBlockRenderProps, Highlighter } from './markdown/types.ts'

// Highlighted results by highlighter + language + code, so a block that re-renders or
// re-mounts with the same code shows the highlighted version at once (no flicker back to
// plain text). Bounded: the oldest entries go first.
const cache = new WeakMap<Highlighter, Map<string, ReactNode>>()
const CACHE_SIZE = 200

function cached(highlight: Highlighter, key: string): ReactNode | undefined {
  return cache.get(highlight)?.get(key)
}

function remember(highlight: Highlighter, key: string, value: ReactNode) {
  let entries = cache.get(highlight)
  if (!entries) cache.set(highlight, (entries = new Map()))
  entries.set(key, value)
  if (entries.size > CACHE_SIZE) entries.delete(entries.keys().next().value as string)
}

function useHighlighted(
  code: string,
  language: string,
  highlight: Highlighter | false,
  open: boolean,
) {
  const key = `${language}\u0000${code}`
  const initial = highlight ? cached(highlight, key) : undefined
  const [result, setResult] = useState<{ key: string; node: ReactNode } | undefined>(undefined)
  useEffect(() => {
    if (!highlight || open || cached(highlight, key) !== undefined) return
    let live = true
    Promise.resolve(highlight(code, language))
      .then((node) => {
        if (node == null) return
        remember(highlight, key, node)
        if (live) setResult({ key, node })
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [highlight, key, code, language, open])
  if (initial !== undefined) return initial
  return result?.key === key ? result.node : undefined
}

function CopyButton({ code }: { code: string }) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(timer)
  }, [copied])
  return (
    <button
      type="button"
      data-slot="copy-button"
      data-copied={copied ? '' : undefined}
      aria-label={copied ? 'Copied' : 'Copy code'}
      onClick={() => {
        void navigator.clipboard?.writeText(code).then(
          () => setCopied(true),
          () => undefined,
        )
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  )
}

/**
 * A fenced or indented code block: language label, copy button, and syntax highlighting once
 * the block is finished (never while it is still streaming, and never back to plain text once
 * highlighted). The cursor sits at the end of the last line of code.
 */
export function CodeBlock({ code, language, open, cursor, options }: CodeBlockRenderProps) {
  const highlighted = useHighlighted(code, language, options.highlight, open)
  const Pre = options.components.pre ?? 'pre'
  const Code = options.components.code ?? 'code'
  // The trailing newline is not a visible line: the cursor goes before it.
  const body = code.endsWith('\n') ? code.slice(0, -1) : code
  return (
    <div data-slot="code-block" data-language={language || undefined}>
      <div data-slot="code-block-header">
        <span data-slot="code-block-language">{language || 'text'}</span>
        <CopyButton code={code} />
      </div>
      {/* Focusable: long lines scroll, and a scroll region must be reachable by keyboard. */}
      <Pre tabIndex={0}>
        <Code
          className={language ? `language-${language}` : undefined}
          data-highlighted={highlighted ? '' : undefined}
        >
          {highlighted ?? body}
          {highlighted ? null : cursor}
        </Code>
      </Pre>
    </div>
  )
}
