import { Component, type ReactNode } from 'react'

/** A block that could not be rendered as markdown: its text, as written, so nothing is lost. */
export function BlockFallback({ source }: { source: string }) {
  return <div data-slot="markdown-fallback">{source}</div>
}

interface BoundaryProps {
  /** The block's markdown: shown as text when rendering it throws. */
  source: string
  children: ReactNode
}

interface BoundaryState {
  /** The source that failed; a new source is tried again. */
  failed: string | undefined
}

/**
 * Catches an error thrown while rendering one block (a `components` override that throws, an
 * element tree React cannot handle) and shows that block's text instead, so one bad block
 * never empties the whole answer. Server rendering has no error boundaries: there the block
 * catches its own parse and render errors (markdown-block.tsx).
 */
export class BlockBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: undefined }

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: '' }
  }

  override componentDidCatch() {
    this.setState({ failed: this.props.source })
  }

  override render() {
    const { failed } = this.state
    if (failed === '' || failed === this.props.source)
      return <BlockFallback source={this.props.source} />
    return this.props.children
  }
}
