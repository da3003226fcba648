import type { ReactNode } from 'react'
import type { BundledLanguage, BundledTheme, HighlighterGeneric } from 'shiki'
import type { Highlighter } from 'rivulet/components'

/** Options of {@link createShikiHighlighter}. */
export interface ShikiHighlighterOptions {
  /**
   * The shiki themes for light and dark pages. Default the high-contrast GitHub themes: some
   * token colours of plain `github-light` (its orange, #e36209, is 3.5:1 even on white) fail
   * WCAG AA on a code block's tinted background.
   */
  themes?: { light: BundledTheme; dark: BundledTheme }
}

const DEFAULT_THEMES = {
  light: 'github-light-high-contrast',
  dark: 'github-dark-high-contrast',
} as const satisfies ShikiHighlighterOptions['themes']

type Shiki = HighlighterGeneric<BundledLanguage, BundledTheme>

/**
 * A {@link Highlighter} backed by shiki, for `<StreamingMarkdown highlight={…}>`. shiki is
 * loaded with a dynamic import the first time a finished code block needs it (so it is never in
 * the page's main chunk), then each language is loaded on first use. Tokens carry both themes as
 * `--shiki-light` / `--shiki-dark` colours, and `rivulet/styles.css` picks one by
 * `prefers-color-scheme` or a `data-theme="light" | "dark"` attribute on an ancestor, so a theme
 * switch needs no re-highlighting. Resolves to `null` (plain text stays) if shiki fails to load.
 */
export function createShikiHighlighter(options: ShikiHighlighterOptions = {}): Highlighter {
  const themes = options.themes ?? DEFAULT_THEMES
  let loading: Promise<{ shiki: Shiki; languages: ReadonlySet<string> }> | undefined
  // One shiki instance per highlighter, created on first use. The JavaScript regex engine
  // needs no WebAssembly, so it works the same in every browser, in Node and in jsdom.
  const load = () =>
    (loading ??= (async () => {
      const [shiki, { createJavaScriptRegexEngine }] = await Promise.all([
        import('shiki'),
        import('shiki/engine/javascript'),
      ])
      const instance = await shiki.createHighlighter({
        themes: [themes.light, themes.dark],
        langs: [],
        engine: createJavaScriptRegexEngine(),
      })
      return { shiki: instance, languages: new Set(Object.keys(shiki.bundledLanguages)) }
    })().catch((error: unknown) => {
      // A failed load is not kept: the next block tries again.
      loading = undefined
      throw error
    }))

  return async (code, language) => {
    try {
      const { shiki, languages } = await load()
      const lang = languages.has(language) ? (language as BundledLanguage) : 'text'
      if (lang !== 'text') await shiki.loadLanguage(lang)
      const { tokens } = shiki.codeToTokens(code.replace(/\n$/, ''), {
        lang,
        themes,
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
}

/**
 * The ready-made shiki highlighter (GitHub high-contrast light and dark themes):
 * `<StreamingMarkdown text={text} highlight={shikiHighlighter} />`. Needs `shiki` installed.
 */
export const shikiHighlighter: Highlighter = /* @__PURE__ */ createShikiHighlighter()
