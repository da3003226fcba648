import { forwardRef, type ComponentPropsWithoutRef } from 'react'

/** Props of {@link TypingCursor}: any `span` props. */
export type TypingCursorProps = ComponentPropsWithoutRef<'span'>

/**
 * The blinking cursor at the end of a streaming answer. Hidden from assistive technology (it
 * is decoration, and it must not be read out on every token). Its look comes from
 * `rivulet/styles.css`: `--rivulet-cursor-char`, `--rivulet-cursor-color`,
 * `--rivulet-cursor-blink-duration`; it stops blinking under `prefers-reduced-motion`.
 */
export const TypingCursor = /* @__PURE__ */ forwardRef<HTMLSpanElement, TypingCursorProps>(
  function TypingCursor(props, ref) {
    return <span aria-hidden="true" data-slot="typing-cursor" {...props} ref={ref} />
  },
)
