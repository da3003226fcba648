import { expect, waitFor, within } from 'storybook/test'

type Canvas = ReturnType<typeof within>
interface User {
  type(element: Element, text: string): Promise<void>
  keyboard(text: string): Promise<void>
}

/** Long enough for the slowest mock answer on a loaded machine. */
export const long = { timeout: 25_000 }

/** Types a question into the composer and presses Enter, as a reader does. */
export async function ask(canvas: Canvas, userEvent: User, question: string) {
  const answers = () => canvas.queryAllByRole('article', { name: 'Assistant' }).length
  const before = answers()
  const field = canvas.getByRole('textbox', { name: 'Message' })
  await userEvent.type(field, question)
  await userEvent.keyboard('{Enter}')
  await expect(field).toHaveValue('')
  // The chat commits once per frame: until its answer is on the page, the last answer is the
  // previous turn's (already settled), and a check on it would pass or fail by luck.
  await waitFor(() => expect(answers()).toBeGreaterThan(before), long)
}

/** The last answer's article. */
export function lastAnswer(canvas: Canvas): HTMLElement {
  const answers = canvas.getAllByRole('article', { name: 'Assistant' })
  return answers[answers.length - 1]!
}

/** Waits until the last answer settled with `status`. */
export async function settled(canvas: Canvas, status: 'done' | 'error' | 'aborted') {
  await waitFor(() => expect(lastAnswer(canvas)).toHaveAttribute('data-status', status), long)
  return lastAnswer(canvas)
}

/** The horizontal overflow of an element (0 when nothing sticks out). */
export function overflowX(element: Element): number {
  return element.scrollWidth - element.clientWidth
}
