import type { FormatAdapter, StreamPart } from '../parts.ts'

/**
 * A built-in adapter of a format whose end is the end of the body, which still gathers a
 * finish reason and usage on the way: `finishAtEnd` builds the finish part at the body end.
 */
export interface EndingAdapter extends FormatAdapter {
  finishAtEnd?(): StreamPart
}
