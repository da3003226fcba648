import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ToolCall, type ToolCallRender } from 'rivulet/components'
import { toRequestMessages } from 'rivulet/core'
import { describe, expect, test, vi } from 'vitest'
import { PartsChat } from './parts-harness.tsx'
import { mockAnswers } from '../../helpers/mock-answers.ts'
import { scriptedFetch } from '../../helpers/scripted-fetch.ts'

const long = { timeout: 8_000 }
const lastAnswer = () => screen.getAllByRole('article', { name: 'Assistant' }).at(-1)!

function ask(question: string) {
  const field = screen.getByRole('textbox', { name: 'Message' })
  fireEvent.change(field, { target: { value: question } })
  fireEvent.submit(field.closest('form')!)
}

/** Step 1 calls the weather tool; step 2 answers with its result. */
const weather = () =>
  scriptedFetch(
    mockAnswers((call) =>
      call === 0
        ? {
            format: 'openai-chat',
            text: 'Let me look that up.',
            toolCalls: [{ id: 'call_1', name: 'get_weather', args: { city: 'Paris', unit: 'C' } }],
            tokenDelay: 15,
          }
        : { format: 'openai-chat', text: 'It is 21 °C in Paris.', tokenDelay: 5 },
    ),
  )

const confirm: ToolCallRender = ({ call, status, addResult }) =>
  status === 'waiting' ? (
    <button
      type="button"
      onClick={() => addResult({ city: (call.args as { city: string }).city, temp: 21 })}
    >
      Confirm
    </button>
  ) : null

describe('given an answer that calls a tool the user confirms', () => {
  test('the call shows its name, its arguments filling in, then waits; the confirm button gives the result and the answer continues', async () => {
    const { fetch, requests } = weather()
    const statuses: string[] = []
    const argsSeen = new Set<string>()
    const observer = new MutationObserver(() => {
      const card = document.querySelector('[data-slot="tool-call"]')
      if (!card) return
      statuses.push(card.getAttribute('data-status')!)
      const args = card.querySelector('[data-slot="tool-call-args"]')?.textContent
      if (args) argsSeen.add(args)
    })
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })
    render(
      <PartsChat
        options={{
          format: 'openai-chat',
          fetch,
          body: (messages) => ({ messages: toRequestMessages(messages, 'openai-chat') }),
        }}
        tools={{ get_weather: confirm }}
      />,
    )
    ask('Weather in Paris?')

    const card = await screen.findByRole('group', { name: 'Tool call: get_weather' }, long)
    const button = await within(card).findByRole('button', { name: 'Confirm' }, long)
    expect(card.getAttribute('data-status')).toBe('waiting')
    expect(within(card).getByText('Waiting for result')).toBeTruthy()
    expect(card.querySelector('[data-slot="tool-call-name"]')?.textContent).toBe('get_weather')
    expect(card.querySelector('[data-slot="tool-call-args"]')?.textContent).toBe(
      '{\n  "city": "Paris",\n  "unit": "C"\n}',
    )
    // The arguments were shown while they streamed: partial JSON, pretty printed.
    expect(statuses[0]).toBe('streaming')
    expect(argsSeen.size).toBeGreaterThan(1)
    expect(requests).toHaveLength(1)

    fireEvent.click(button)
    await waitFor(() => expect(lastAnswer().getAttribute('data-status')).toBe('done'), long)
    await waitFor(() => expect(lastAnswer().textContent).toContain('It is 21 °C in Paris.'), long)
    observer.disconnect()
    expect(card.getAttribute('data-status')).toBe('done')
    expect(card.querySelector('[data-slot="tool-call-result"]')?.textContent).toBe(
      '{\n  "city": "Paris",\n  "temp": 21\n}',
    )
    expect(within(card).queryByRole('button', { name: 'Confirm' })).toBeNull()
    // The follow-up request carried the call and its result, in the provider's shape.
    expect(requests).toHaveLength(2)
    const sent = (requests[1]!.json as { messages: Record<string, unknown>[] }).messages
    expect(sent.at(-1)).toEqual({
      role: 'tool',
      tool_call_id: 'call_1',
      content: JSON.stringify({ city: 'Paris', temp: 21 }),
    })
    // Parts in arrival order: step 1's text, the call, then step 2's text.
    const content = lastAnswer().querySelector('[data-slot="message-content"]')!
    expect(Array.from(content.children, (c) => c.getAttribute('data-slot'))).toEqual([
      'streaming-markdown',
      'tool-call',
      'streaming-markdown',
    ])
  })
})

describe('given a tool that fails', () => {
  test('the call reads "Failed" with the error as its result', async () => {
    const { fetch } = weather()
    render(
      <PartsChat
        options={{
          format: 'openai-chat',
          fetch,
          maxSteps: 1,
          onToolCall: () => {
            throw new Error('weather service down')
          },
        }}
      />,
    )
    ask('Weather in Paris?')
    const card = await screen.findByRole('group', { name: 'Tool call: get_weather' }, long)
    await waitFor(() => expect(card.getAttribute('data-status')).toBe('error'), long)
    expect(within(card).getByText('Failed')).toBeTruthy()
    expect(card.querySelector('[data-slot="tool-call-result"]')?.textContent).toContain(
      'weather service down',
    )
  })
})

describe('given a ToolCall outside Chat', () => {
  test('it throws a message naming the part and the root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() =>
      render(
        <ToolCall
          part={{ type: 'tool-call', id: 'c', name: 'x', argsText: '{}', status: 'complete' }}
        />,
      ),
    ).toThrow('`ToolCall` must be used within `Chat`')
    vi.restoreAllMocks()
  })
})
