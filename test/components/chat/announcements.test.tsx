import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { PartsChat } from './parts-harness.tsx'
import { mockAnswers } from '../../helpers/mock-answers.ts'
import { scriptedFetch } from '../../helpers/scripted-fetch.ts'

describe('the live region', () => {
  test('reads a finished answer as shown, whatever characters its message id holds', async () => {
    const { fetch } = scriptedFetch(
      mockAnswers(() => ({ format: 'openai-chat', text: 'It is **sunny**.', tokenDelay: 1 })),
    )
    let n = 0
    // A quote, a backslash and a newline: none may break finding the answer in the list.
    const generateId = () => `id "quoted" \\ back\nslash ${n++}`
    const { container } = render(
      <PartsChat options={{ format: 'openai-chat', fetch, generateId }} />,
    )
    const field = screen.getByRole('textbox', { name: 'Message' })
    fireEvent.change(field, { target: { value: 'Weather?' } })
    fireEvent.submit(field.closest('form')!)
    const live = container.querySelector('[data-slot="live-region"]')!
    // The rendered text, not the markdown source with its `**`.
    await waitFor(() => expect(live.textContent).toBe('Answer: It is sunny.'), { timeout: 5000 })
  })
})
