import type { ReactNode } from 'react'
import type { BundledLanguage, HighlighterGeneric } from 'shiki'
import type { Highlighter } from './types.ts'

const THEMES = { light: 'github-light', dark: 'github-dark' } as const

type Shiki = HighlighterGeneric<BundledLanguage, 'github-light' | 'github-dark'>
let highlighter: Promise<{ shiki: Shiki; languages: readonly string[] }> | undefined

// One highlighter for the page, created on first use. shiki's JavaScript regex engine needs
// no WebAssembly, so it works the same in every browser, in Node and in jsdom.
function load() {
  highlighter ??= (async () => {
    const shiki = await import('shiki')
    const { createJavaScriptRegexEngine } = await import('shiki/engine/javascript')
    const instance = await shiki.createHighlighter({
      themes: Object.values(THEMES),
      langs: [],
      engine: createJavaScriptRegexEngine(),
    })
    return { shiki: instance, languages: Object.keys(shiki.bundledLanguages) }
  })()
  return highlighter
}

/**
 * The default highlighter: shiki, an optional peer dependency, loaded with a dynamic import
 * the first time a finished code block needs it, so it is never in the main bundle. Tokens
 * carry `--shiki-light` / `--shiki-dark` colours that `rivulet/styles.css` picks from. Resolves
 * to `null` (plain text stays) when shiki is not installed.
 */
export const shikiHighlighter: Highlighter = async (code, language) => {
  try {
    const { shiki, languages } = await load()
    const lang = languages.includes(language) ? (language as BundledLanguage) : 'text'
    if (lang !== 'text') await shiki.loadLanguage(lang)
    const { tokens } = shiki.codeToTokens(code.replace(/\n$/, ''), {
      lang,
      themes: THEMES,
      defaultColor: false,
    })
    return tokens.map((line, i): ReactNode => (
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
