import {
  forwardRef,
  useEffect,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type MouseEvent,
} from 'react'
import { useChatContext } from './chat-context.ts'
import { ChevronLeftIcon, ChevronRightIcon } from './icons.tsx'
import { useMessageContext } from './message-context.ts'
import { composeRefs } from './primitive.tsx'

/** Props of {@link BranchPicker}. */
export type BranchPickerProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>

type Direction = 'previous' | 'next'

/**
 * A switch shows another message at the same place: a new `Message`, a new picker. The switch
 * leaves here, per chat root, where it happened and which button was pressed, so the new
 * picker takes the focus (the pressed button is gone) and says where the reader now is.
 */
const pendingSwitch = new WeakMap<object, { at: number; direction: Direction }>()

const rootOf = (element: Element | null): object =>
  element?.closest('[data-slot="chat"]') ?? globalThis

/**
 * "‹ 2 / 3 ›" under a message that has siblings (answers kept by `regenerate`, questions
 * kept by `edit`): previous and next buttons (disabled at the ends) call `switchBranch`.
 * After a switch the focus stays on the picker and a polite status says "Answer 2 of 3".
 * `data-slot="branch-picker"`; renders nothing for a message without siblings.
 */
export const BranchPicker = /* @__PURE__ */ forwardRef<HTMLDivElement, BranchPickerProps>(
  function BranchPicker(props, ref) {
    const { chat, labels } = useChatContext('BranchPicker')
    const { message } = useMessageContext('BranchPicker')
    const root = useRef<HTMLDivElement>(null)
    const previous = useRef<HTMLButtonElement>(null)
    const next = useRef<HTMLButtonElement>(null)
    const [said, setSaid] = useState('')
    const at = chat.messages.findIndex((m) => m.id === message.id)
    const index = message.branch?.index ?? 0
    const count = message.branch?.count ?? 1
    const position = labels.branchPosition(index, count, message.role)

    useEffect(() => {
      const key = rootOf(root.current)
      const wanted = pendingSwitch.get(key)
      if (!wanted || wanted.at !== at) return
      pendingSwitch.delete(key)
      const first = wanted.direction === 'previous' ? previous.current : next.current
      const other = wanted.direction === 'previous' ? next.current : previous.current
      ;(first && !first.disabled ? first : other)?.focus()
      queueMicrotask(() => setSaid(position))
    }, [at, index, position, previous, next])

    if (count <= 1) return null
    const go = (direction: Direction) => (event: MouseEvent<HTMLButtonElement>) => {
      const target = direction === 'previous' ? index - 1 : index + 1
      if (target < 0 || target >= count) return
      pendingSwitch.set(rootOf(event.currentTarget), { at, direction })
      chat.switchBranch(message.id, target)
    }
    return (
      <div
        data-slot="branch-picker"
        role="group"
        aria-label={position}
        {...props}
        ref={composeRefs(ref, root)}
      >
        <button
          type="button"
          data-slot="branch-picker-previous"
          data-variant="ghost"
          aria-label={labels.previousBranch}
          title={labels.previousBranch}
          disabled={index <= 0}
          onClick={go('previous')}
          ref={previous}
        >
          <ChevronLeftIcon />
        </button>
        <span data-slot="branch-picker-position" aria-hidden="true">
          {index + 1} / {count}
        </span>
        <button
          type="button"
          data-slot="branch-picker-next"
          data-variant="ghost"
          aria-label={labels.nextBranch}
          title={labels.nextBranch}
          disabled={index >= count - 1}
          onClick={go('next')}
          ref={next}
        >
          <ChevronRightIcon />
        </button>
        <span data-slot="visually-hidden" role="status" aria-live="polite">
          {said}
        </span>
      </div>
    )
  },
)
