import { createElement, Fragment, type ReactNode } from 'react'
import type { Token } from 'markdown-it'
import { attr, element, plainText, type Walk } from './render-context.ts'
import { isImageAllowed } from './url-policy.ts'

const isAbsoluteHttp = (url: string) => /^https?:\/\//i.test(url.trim())

// GFM autolink literals start with a scheme or `www.` (or are e-mail addresses); linkify-it
// would also link a bare `example.com`.
const GFM_AUTOLINK = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)|@/i

/** A link, or its text alone when the URL policy drops the URL. */
export function renderLink(
  walk: Walk,
  token: Token,
  key: number,
  children: ReactNode[],
  text: string,
) {
  if (token.markup === 'linkify' && !GFM_AUTOLINK.test(text))
    return createElement(Fragment, { key }, ...children)
  const raw = attr(token, 'href') ?? ''
  const href = raw === '' ? null : walk.options.urlTransform(raw, 'href')
  if (!href) return createElement('span', { key, 'data-slot': 'link-text' }, ...children)
  const newTab = walk.options.linkTarget !== undefined && isAbsoluteHttp(href)
  const props = {
    key,
    href,
    title: attr(token, 'title') ?? undefined,
    rel: 'noopener noreferrer',
    target: newTab ? walk.options.linkTarget : undefined,
  }
  return element(walk, 'a', props, children)
}

/** An image, or a placeholder when its URL is dropped or its host is not allowed. */
export function renderImage(walk: Walk, token: Token, key: number) {
  const raw = attr(token, 'src') ?? ''
  const alt = plainText(token.children)
  const src = raw === '' ? null : walk.options.urlTransform(raw, 'src')
  if (!src || !isImageAllowed(src, walk.options.allowedImageHosts)) {
    // Not loaded: an image request is one the reader did not choose to make.
    return createElement(
      'span',
      {
        key,
        'data-slot': 'image-placeholder',
        role: 'img',
        'aria-label': alt || 'image',
        title: src ?? undefined,
      },
      alt || 'image',
    )
  }
  return element(walk, 'img', {
    key,
    src,
    alt,
    title: attr(token, 'title') ?? undefined,
    loading: 'lazy',
  })
}

/** A footnote reference: its number, linking to the definition. */
export function renderFootnoteRef(walk: Walk, token: Token, key: number) {
  const label = String(token.meta?.label ?? '')
  const number = walk.definitions.footnotes.indexOf(label) + 1
  const prefix = walk.options.idPrefix
  const sub = Number(token.meta?.subId ?? 0)
  const id = `${prefix}fnref-${label}${sub > 0 ? `-${sub}` : ''}`
  const link = element(walk, 'a', { href: `#${prefix}fn-${label}`, id, 'data-footnote-ref': '' }, [
    String(number),
  ])
  return element(walk, 'sup', { key, 'data-slot': 'footnote-ref' }, [link])
}
