import {
  forwardRef,
  useId,
  useMemo,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
} from 'react'
import { CodeBlock } from './code-block.tsx'
import { blockRanges, TOP_RANGE } from './markdown/block-range.tsx'
import { blockCount, createBlockSplitter, type SplitResult } from './markdown/split-blocks.ts'
import type { Highlighter, MarkdownComponents, RenderOptions } from './markdown/types.ts'
import { defaultUrlTransform, type UrlTransform } from './markdown/url-policy.ts'
import { TypingCursor } from './typing-cursor.tsx'

/** Props of {@link StreamingMarkdown}. */
export interface StreamingMarkdownProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The markdown so far (it may grow between renders). */
  text: string
  /** The text is still arriving: repair its open tail and show the cursor. Default `false`. */
  streaming?: boolean
  /** The cursor shown while streaming: `true` (default) for {@link TypingCursor}, `false` for none, or your own node. */
  cursor?: boolean | ReactNode
  /** Per-element overrides, like react-markdown's: `{ a: MyLink, code: MyCode }`. */
  components?: MarkdownComponents
  /**
   * The URL policy for link `href`s and image `src`s. Default {@link defaultUrlTransform}:
   * http(s), mailto, tel and relative URLs only. Yours replaces it entirely.
   */
  urlTransform?: UrlTransform
  /**
   * Hosts images may load from besides the page's own origin (`'*'` for any,
   * `'*.example.com'` for subdomains). Default none: other images show as a placeholder.
   */
  allowedImageHosts?: readonly string[]
  /**
   * Syntax highlighting for finished code blocks, opt-in: `shikiHighlighter` from
   * `rivulet/highlight` (shiki, loaded lazily) or your own. Default none: plain code with its
   * language label and copy button.
   */
  highlight?: Highlighter | false
  /** `target` for absolute http(s) links; default `'_blank'`; `null` to open links in place. */
  linkTarget?: string | null
  /**
   * Repair the unfinished markdown at the end of a stream (close `**`, `` ` ``, `~~`, hide a
   * half-written link URL…). Default `true`; `false` shows the text exactly as received.
   */
  repair?: boolean
}

function useSplit(text: string, streaming: boolean): SplitResult {
  // The splitter remembers the previous split: that is what makes the next one incremental.
  const [splitter] = useState(createBlockSplitter)
  // Once streaming ends the text is split afresh, so the final render never depends on the
  // path the stream took.
  return useMemo(() => splitter.split(text, streaming), [splitter, text, streaming])
}

/**
 * Renders a growing markdown answer (CommonMark + GFM) to React elements. The text is split
 * into top-level blocks; finished blocks are memoized (in ranges React skips whole) and only
 * the open last block is re-split, repaired and re-parsed per update. Raw HTML shows as text, unsafe URLs are
 * dropped, and images from other hosts are not loaded unless allowed.
 */
export const StreamingMarkdown = /* @__PURE__ */ forwardRef<HTMLDivElement, StreamingMarkdownProps>(
  function StreamingMarkdown(
    {
      text,
      streaming = false,
      cursor = true,
      components,
      urlTransform,
      allowedImageHosts,
      highlight,
      linkTarget = '_blank',
      repair = true,
      ...rest
    },
    ref,
  ) {
    const split = useSplit(text, streaming)
    const idPrefix = useId().replace(/:/g, '')
    const hostsKey = allowedImageHosts?.join('\n') ?? ''
    const options = useMemo<RenderOptions>(
      () => ({
        components: components ?? {},
        urlTransform: urlTransform ?? defaultUrlTransform,
        allowedImageHosts: hostsKey ? hostsKey.split('\n') : [],
        highlight: highlight ?? false,
        linkTarget: linkTarget ?? undefined,
        idPrefix: `${idPrefix}-`,
        repair,
        CodeBlock,
      }),
      [components, urlTransform, hostsKey, highlight, linkTarget, idPrefix, repair],
    )
    const cursorNode =
      streaming && cursor !== false ? cursor === true ? <TypingCursor /> : cursor : null
    const count = blockCount(split)
    const ranges = blockRanges(
      { split, options, cursor: cursorNode, streaming },
      0,
      count,
      TOP_RANGE,
    )
    return (
      <div
        data-slot="streaming-markdown"
        data-streaming={streaming ? '' : undefined}
        {...rest}
        ref={ref}
      >
        {ranges}
        {count === 0 ? cursorNode : null}
      </div>
    )
  },
)
