import { request } from 'node:http'
import { describe, expect, it, vi } from 'vitest'

// `ws` is an optional peer: without it the mock server still serves HTTP, and answers a
// WebSocket upgrade with a 501 that says what to install.
vi.mock('ws', () => {
  throw new Error("Cannot find package 'ws'")
})

describe('rivulet-mock-server without the ws package', () => {
  it('serves HTTP and refuses WebSocket upgrades with 501', async () => {
    const { startMockServer } = await import('rivulet/mock/server')
    const server = await startMockServer()
    try {
      const http = await fetch(`${server.url}/chat?text=ok&ttft=0&delay=0`, {
        method: 'POST',
        body: JSON.stringify({ message: 'hi' }),
      })
      expect(http.status).toBe(200)
      const upgrade = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
        const req = request(`${server.url}/chat`, {
          headers: {
            connection: 'Upgrade',
            upgrade: 'websocket',
            'sec-websocket-version': '13',
            'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          },
        })
        req.on('response', (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (part: string) => (body += part))
          res.on('end', () => resolve({ status: res.statusCode, body }))
        })
        req.on('upgrade', () => reject(new Error('upgraded without ws')))
        req.on('error', reject)
        req.end()
      })
      expect(upgrade.status).toBe(501)
      expect(upgrade.body).toContain('ws package')
    } finally {
      await server.close()
    }
  })
})
