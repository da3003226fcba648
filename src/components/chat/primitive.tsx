import {
  Children,
  cloneElement,
  forwardRef,
  isValidElement,
  type HTMLAttributes,
  type ReactElement,
  type ReactNode,
  type Ref,
  type RefCallback,
  type SyntheticEvent,
} from 'react'

/**
 * Calls the user's handler first, then ours unless the user called `preventDefault()`
 * (Radix `composeEventHandlers`), so an app can veto a part's behaviour.
 */
export function composeEventHandlers<E extends SyntheticEvent>(
  theirs: ((event: E) => void) | undefined,
  ours: ((event: E) => void) | undefined,
): (event: E) => void {
  return (event) => {
    theirs?.(event)
    if (!event.defaultPrevented) ours?.(event)
  }
}

/** One ref callback that sets every given ref. */
export function composeRefs<T>(...refs: (Ref<T> | undefined)[]): RefCallback<T> {
  return (node) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node)
      else if (ref) ref.current = node
    }
  }
}

type AnyProps = Record<string, unknown>

function mergeProps(slot: AnyProps, child: AnyProps): AnyProps {
  const merged: AnyProps = { ...slot, ...child }
  for (const key of Object.keys(slot)) {
    const ours = slot[key]
    const theirs = child[key]
    if (/^on[A-Z]/.test(key) && typeof ours === 'function' && typeof theirs === 'function') {
      merged[key] = composeEventHandlers(theirs as never, ours as never)
    } else if (key === 'className' && ours && theirs) {
      merged[key] = `${ours as string} ${theirs as string}`
    } else if (key === 'style' && ours && theirs) {
      merged[key] = { ...(ours as object), ...(theirs as object) }
    }
  }
  return merged
}

/** Props of {@link Slot}: the part's props, given to its only child. */
export interface SlotProps extends HTMLAttributes<HTMLElement> {
  children?: ReactNode
}

/**
 * Renders its only child with the part's props merged in (handlers composed, class names
 * joined, refs combined): what `asChild` renders (Radix `Slot`).
 */
export const Slot = /* @__PURE__ */ forwardRef<HTMLElement, SlotProps>(function Slot(
  { children, ...props },
  ref,
) {
  const child = Children.only(children)
  if (!isValidElement(child)) return null
  const element = child as ReactElement<AnyProps & { ref?: Ref<HTMLElement> }>
  // React 19 passes ref as a prop; React 18 keeps it on the element.
  const childRef =
    element.props.ref ?? (element as unknown as { ref?: Ref<HTMLElement> }).ref ?? undefined
  return cloneElement(element, {
    ...mergeProps(props as AnyProps, element.props),
    ref: composeRefs(ref, childRef),
  })
})

/** `asChild`: render the part's behaviour onto your own element instead of the default one. */
export interface AsChildProps {
  /** Render onto the only child element (props merged, handlers composed) instead of the part's own element. */
  asChild?: boolean
}
