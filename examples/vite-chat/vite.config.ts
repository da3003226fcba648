import react from '@vitejs/plugin-react'
import { startMockServer } from 'rivulet/mock/server'
import { defineConfig, loadEnv, type ProxyOptions } from 'vite'

// Where /api/chat goes: UPSTREAM_URL, or else the mock LLM server, started with the dev or
// preview server (port 8787, or a free one when that is taken).
async function chatBackend(upstreamUrl: string | undefined) {
  if (upstreamUrl) return new URL(upstreamUrl)
  const mock = await startMockServer({ port: 8787 }).catch(() => startMockServer({ port: 0 }))
  process.once('exit', () => void mock.close())
  console.log(`  rivulet mock LLM server: ${mock.url}`)
  return new URL('/v1/chat/completions', mock.url)
}

export default defineConfig(async ({ command, mode }) => {
  const env = loadEnv(mode, process.cwd(), '')
  if (command === 'build') return { plugins: [react()] }
  const upstream = await chatBackend(env.UPSTREAM_URL)
  // Keys stay in this process: the proxy adds them, the browser bundle never sees them.
  const headers: Record<string, string> = {}
  if (env.OPENAI_API_KEY) headers.authorization = `Bearer ${env.OPENAI_API_KEY}`
  if (env.ANTHROPIC_API_KEY) {
    headers['x-api-key'] = env.ANTHROPIC_API_KEY
    headers['anthropic-version'] = '2023-06-01'
  }
  const proxy: Record<string, ProxyOptions> = {
    '/api/chat': {
      target: upstream.origin,
      changeOrigin: true,
      headers,
      rewrite: () => upstream.pathname + upstream.search,
    },
  }
  return {
    plugins: [react()],
    server: { host: '127.0.0.1', proxy },
    preview: { host: '127.0.0.1', proxy },
  }
})
