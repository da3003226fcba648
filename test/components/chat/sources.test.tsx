import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { Sources } from 'rivulet/components'
import { describe, expect, test, vi } from 'vitest'
import { PartsChat } from './parts-harness.tsx'
import { mockAnswers } from '../../helpers/mock-answers.ts'
import { scriptedFetch } from '../../helpers/scripted-fetch.ts'

const long = { timeout: 8_000 }

describe('given an answer that cites sources', () => {
  test('they are listed once each after the text, as links to new tabs, with title and host; unsafe URLs are not links', async () => {
    const { fetch } = scriptedFetch(
      mockAnswers(() => ({
        format: 'openai-responses',
        text: 'Rivers flow to the sea.',
        sources: [
          { url: 'https://en.wikipedia.org/wiki/River', title: 'River - Wikipedia' },
          { url: 'https://www.usgs.gov/rivers' },
          { url: 'javascript:alert(1)', title: 'Not a link' },
          { url: 'https://en.wikipedia.org/wiki/River', title: 'River - Wikipedia' },
        ],
        tokenDelay: 5,
      })),
    )
    render(<PartsChat options={{ format: 'openai-responses', fetch }} />)
    const field = screen.getByRole('textbox', { name: 'Message' })
    fireEvent.change(field, { target: { value: 'Where do rivers go?' } })
    fireEvent.submit(field.closest('form')!)

    const list = await screen.findByRole('list', { name: 'Sources' }, long)
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3), long)
    const links = within(list).getAllByRole('link')
    expect(links).toHaveLength(2)
    const [wiki, usgs] = links as HTMLAnchorElement[]
    expect(wiki!.getAttribute('href')).toBe('https://en.wikipedia.org/wiki/River')
    expect(wiki!.getAttribute('target')).toBe('_blank')
    expect(wiki!.getAttribute('rel')).toBe('noopener noreferrer')
    expect(wiki!.querySelector('[data-slot="source-title"]')?.textContent).toBe('River - Wikipedia')
    expect(wiki!.querySelector('[data-slot="source-host"]')?.textContent).toBe('en.wikipedia.org')
    expect(wiki!.textContent).toContain('(opens in a new tab)')
    // Without a title, the host names the link.
    expect(usgs!.querySelector('[data-slot="source-title"]')?.textContent).toBe('usgs.gov')
    expect(within(list).getByText('Not a link').closest('a')).toBeNull()
    // After the answer's text.
    const content = list.closest('[data-slot="message-content"]')!
    expect(content.lastElementChild?.getAttribute('data-slot')).toBe('sources')
    expect(content.textContent).toContain('Rivers flow to the sea.')
  })
})

describe('given a Sources outside Chat', () => {
  test('it throws a message naming the part and the root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<Sources sources={[{ url: 'https://a.example' }]} />)).toThrow(
      '`Sources` must be used within `Chat`',
    )
    vi.restoreAllMocks()
  })
})
