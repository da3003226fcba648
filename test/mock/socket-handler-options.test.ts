// mockSocketHandler checks its static options when it is made, as mockHandler does: a typo
// throws where it was written, not at the first connection. (The socket itself is tested in
// Chromium: test/browser/transport-msw-socket.browser.test.tsx.)
import { describe, expect, it } from 'vitest'
import { mockHandler, mockSocketHandler, type MockStreamOptions } from 'rivulet/mock'

const makers = {
  mockHandler: (script: MockStreamOptions | MockStreamOptions[]) => mockHandler('/api/x', script),
  mockSocketHandler: (script: MockStreamOptions | MockStreamOptions[]) =>
    mockSocketHandler('/api/x', script),
}

describe.each(Object.entries(makers))('%s options', (name, make) => {
  it('an invalid option throws a TypeError naming it when the handler is made', () => {
    expect(() => make({ tokenDelay: -1 })).toThrow(TypeError)
    expect(() => make({ tokenDelay: -1 })).toThrow(/tokenDelay/)
    expect(() => make([{ text: 'ok' }, { format: 'nope' as never }])).toThrow(/format/)
  })

  it('an empty script throws, naming the handler', () => {
    expect(() => make([])).toThrow(new TypeError(`${name}: the options script is empty`))
  })

  it('valid options, and a function (checked per request), are accepted', () => {
    expect(() => make([{ status: 503 }, { text: 'ok', tokenDelay: 0 }])).not.toThrow()
    expect(() => mockSocketHandler('/api/x', () => ({ tokenDelay: -1 }))).not.toThrow()
  })
})
