import { forwardRef, useId, useMemo, type ComponentPropsWithoutRef } from 'react'
import { defaultUrlTransform } from '../markdown/url-policy.ts'
import { useChatContext } from './chat-context.ts'
import { useOptionalMessage } from './message-context.ts'

/** One cited source. */
export interface SourceItem {
  url: string
  title?: string
}

/** Props of {@link Sources}. */
export interface SourcesProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The sources to list. Default: the `source` parts of the `Message`, each URL once. */
  sources?: readonly SourceItem[]
}

/** The host a link goes to, without `www.`; undefined for a relative URL. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined
  } catch {
    return undefined
  }
}

/**
 * The sources an answer cites (`data-slot="sources"`): a labelled list of links, each with its
 * title and host, opening in a new tab (`rel="noopener noreferrer"`). URLs go through the
 * markdown URL policy (the `Chat`'s `urlTransform`, default http(s), mailto, tel and relative
 * only): a source whose URL is refused is listed as text, not as a link. Renders nothing when
 * there is no source.
 */
export const Sources = /* @__PURE__ */ forwardRef<HTMLDivElement, SourcesProps>(function Sources(
  { sources, ...rest },
  ref,
) {
  const { labels, markdown } = useChatContext('Sources')
  const parts = useOptionalMessage()?.message.parts
  const id = useId()
  const items = useMemo(() => {
    if (sources) return sources
    const seen = new Map<string, SourceItem>()
    for (const part of parts ?? []) {
      if (part.type === 'source' && !seen.has(part.url)) seen.set(part.url, part)
    }
    return [...seen.values()]
  }, [sources, parts])
  if (items.length === 0) return null
  const transform = markdown?.urlTransform ?? defaultUrlTransform
  return (
    <div data-slot="sources" {...rest} ref={ref}>
      <span data-slot="sources-label" id={id}>
        {labels.sources}
      </span>
      <ol data-slot="sources-list" aria-labelledby={id}>
        {items.map((item, index) => {
          const href = transform(item.url, 'href') || undefined
          const host = href ? hostOf(href) : undefined
          const named = item.title && item.title !== item.url ? item.title : undefined
          const title = named ?? host ?? item.url
          return (
            <li key={`${index}:${item.url}`} data-slot="source">
              {href ? (
                <a data-slot="source-link" href={href} target="_blank" rel="noopener noreferrer">
                  <span data-slot="source-title">{title}</span>
                  {host && host !== title ? <span data-slot="source-host">{host}</span> : null}
                  <span data-slot="visually-hidden"> {labels.opensInNewTab}</span>
                </a>
              ) : (
                <span data-slot="source-title">{title}</span>
              )}
            </li>
          )
        })}
      </ol>
    </div>
  )
})
