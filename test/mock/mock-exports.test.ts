import { describe, expect, it } from 'vitest'
import * as mock from 'rivulet/mock'
import * as server from 'rivulet/mock/server'
import * as stream from 'rivulet/mock/stream'
import { mockCompletion, parseFault } from 'rivulet/mock'
import { runMockServerCli } from 'rivulet/mock/server'

describe('rivulet/mock entry points', () => {
  it('export exactly the public API', () => {
    expect(Object.keys(mock).sort()).toEqual([
      'chatPace',
      'mockChatHandler',
      'mockCompletion',
      'mockFormats',
      'mockHandler',
      'mockSocketHandler',
      'mockStream',
      'mockWebSocket',
      'parseFault',
      'recordStream',
      'replayStream',
      'socketMessages',
    ])
    expect(Object.keys(stream).sort()).toEqual([
      'mockCompletion',
      'mockFormats',
      'mockStream',
      'mockWebSocket',
      'parseFault',
      'recordStream',
      'replayStream',
      'socketMessages',
    ])
    expect(Object.keys(server).sort()).toEqual(['runMockServerCli', 'startMockServer'])
  })
})

describe('parseFault', () => {
  it('reads the short forms of every fault', () => {
    expect(parseFault('drop-after:5')).toEqual({ type: 'drop', after: 5 })
    expect(parseFault('network-after:0')).toEqual({ type: 'network', after: 0 })
    expect(parseFault('hang')).toEqual({ type: 'hang', after: 0 })
    expect(parseFault('malformed:2')).toEqual({ type: 'malformed', after: 2 })
    expect(parseFault(' provider-error-after:3 ')).toEqual({ type: 'provider-error', after: 3 })
  })

  it('names the option in its error for anything else', () => {
    expect(() => parseFault('drop-after:x')).toThrow(
      'mockStream: fault must be one of drop-after:N',
    )
    expect(() => parseFault('boom')).toThrow('got "boom"')
  })
})

describe('mockCompletion', () => {
  it('answers the whole text as the provider non-streamed JSON', async () => {
    const chat = await mockCompletion({
      format: 'openai-chat',
      text: 'All at once.',
      now: 1_000_000,
    }).json()
    expect(chat).toMatchObject({
      object: 'chat.completion',
      created: 1000,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'All at once.' },
          finish_reason: 'stop',
        },
      ],
      usage: { completion_tokens: 3 },
    })
    const responses = await mockCompletion({ format: 'openai-responses', text: 'Hi' }).json()
    expect(responses).toMatchObject({
      object: 'response',
      status: 'completed',
      output: [{ content: [{ text: 'Hi' }] }],
    })
    const text = mockCompletion({ format: 'text', text: 'plain' })
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await text.text()).toBe('plain')
    const failed = mockCompletion({ format: 'ollama', status: 404 })
    expect(failed.status).toBe(404)
    expect(await failed.json()).toEqual({ error: 'model not found' })
  })
})

describe('runMockServerCli', () => {
  it('prints usage for --help and starts a server that answers otherwise', async () => {
    const lines: string[] = []
    expect(await runMockServerCli(['--help'], (l) => lines.push(l))).toBeUndefined()
    expect(lines[0]).toContain('Usage: rivulet-mock-server')
    const running = await runMockServerCli(
      ['--port', '0', '--ttft', '0', '--delay', '0', '--text', 'from the cli'],
      (l) => lines.push(l),
    )
    try {
      expect(lines[1]).toContain(running!.url)
      const response = await fetch(`${running!.url}/chat`, {
        method: 'POST',
        body: '{"message":"hi"}',
      })
      expect(await response.text()).toBe(
        'data: {"text":"from"}\n\ndata: {"text":" the"}\n\ndata: {"text":" cli"}\n\n',
      )
    } finally {
      await running!.close()
    }
  })

  it('rejects a bad flag with a message naming it', async () => {
    await expect(runMockServerCli(['--delay', '-3'], () => {})).rejects.toThrow(
      'rivulet-mock-server: --delay must be a non-negative number, got -3',
    )
  })
})
