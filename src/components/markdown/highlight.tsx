import type { ReactNode } from 'react'
import type { BundledLanguage } from 'shiki'
import type { Highlighter } from './types.ts'

interface ShikiToken {
  content: string
  htmlStyle?: Record<string, string>
}

/**
 * The default highlighter: shiki, an optional peer dependency, loaded with a dynamic import
 * the first time a finished code block needs it, so it is never in the main bundle. Resolves
 * to `null` (plain text stays) when shiki is not installed or does not know the language.
 */
export const shikiHighlighter: Highlighter = async (code, language) => {
  try {
    const shiki = await import('shiki')
    const lang = language in shiki.bundledLanguages ? (language as BundledLanguage) : 'text'
    const { tokens } = await shiki.codeToTokens(code.replace(/\n$/, ''), {
      lang,
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: false,
    })
    return tokens.map((line: ShikiToken[], i: number): ReactNode => (
      <span key={i} data-line="">
        {line.map((token, j) => (
          <span key={j} style={token.htmlStyle}>
            {token.content}
          </span>
        ))}
        {'\n'}
      </span>
    ))
  } catch {
    return null
  }
}
