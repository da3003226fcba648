import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import type { StreamError } from 'rivulet/core'
import { useChatContext } from './chat-context.ts'
import { describeError, errorReason } from './describe-error.ts'
import { AlertIcon } from './icons.tsx'
import { useOptionalMessage } from './message-context.ts'
import { Slot, type AsChildProps } from './primitive.tsx'

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps extends ComponentPropsWithoutRef<'div'>, AsChildProps {
  /** The error to explain; default the `Message`'s error, or the chat's outside a message. */
  error?: StreamError
  /** Replaces the sentence (default: one from the labels, by the error's kind and status). */
  children?: ReactNode
}

/**
 * Says what went wrong in one human sentence (rate limited, server error, connection lost,
 * answer cut off, refused by the provider, not authorised…) with a Retry button when the
 * failed answer is the last one. The partial answer stays above it. `data-slot="error-notice"`,
 * `data-kind` (the error's kind), `data-reason`. It is announced once by the `MessageList`'s
 * live region, so it is not itself a live region.
 */
export const ErrorNotice = /* @__PURE__ */ forwardRef<HTMLDivElement, ErrorNoticeProps>(
  function ErrorNotice({ error: errorProp, asChild, children, ...rest }, ref) {
    const { chat, labels, focusComposer } = useChatContext('ErrorNotice')
    const context = useOptionalMessage()
    const message = context?.message
    const error =
      errorProp ?? (message ? (message.status === 'error' ? message.error : undefined) : chat.error)
    if (!error) return null
    const canRetry = !chat.isLoading && (message ? context.isLast : true)
    const Element = asChild ? Slot : 'div'
    return (
      <Element
        data-slot="error-notice"
        data-kind={error.kind}
        data-reason={errorReason(error)}
        {...rest}
        ref={ref}
      >
        {children ?? (
          <>
            <AlertIcon />
            <p data-slot="error-notice-text">{describeError(error, labels)}</p>
            {canRetry ? (
              <button
                type="button"
                data-slot="button"
                data-variant="outline"
                onClick={() => {
                  void chat.retry()
                  focusComposer()
                }}
              >
                {labels.retry}
              </button>
            ) : null}
          </>
        )}
      </Element>
    )
  },
)
