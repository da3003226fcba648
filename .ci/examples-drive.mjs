// Serves a built example app (Vite preview or `next start`) against the mock LLM server and
// drives it in Chromium as a person would: type, send, watch the answer stream, regenerate,
// stop mid-answer, regenerate again. Exits non-zero on the first failed expectation.
//   node .ci/examples-drive.mjs vite|next <app dir>
import { setTimeout as sleep } from 'node:timers/promises'
import { startMockServer } from '../dist/mock/server/index.js'
import {
  answerStatus,
  freePort,
  launchChromium,
  startProcess,
  waitForPage,
} from './browser-helpers.mjs'

const [kind, dir] = process.argv.slice(2)
if (!['vite', 'next'].includes(kind) || !dir)
  throw new Error('usage: examples-drive.mjs vite|next <dir>')

const fail = (message) => {
  throw new Error(`${kind}: ${message}`)
}

// A slow enough answer to watch it stream and to stop it half-way.
const mock = await startMockServer({ port: 0, defaults: { ttft: 300, tokenDelay: 60 } })
const requests = []
const port = await freePort()
const env = {
  ...process.env,
  UPSTREAM_URL: `${mock.url}/v1/chat/completions`,
  NEXT_TELEMETRY_DISABLED: '1',
}
delete env.OPENAI_API_KEY
delete env.ANTHROPIC_API_KEY
const command =
  kind === 'vite'
    ? ['node_modules/.bin/vite', ['preview', '--port', String(port), '--strictPort']]
    : ['node_modules/.bin/next', ['start', '--port', String(port), '--hostname', '127.0.0.1']]
const server = startProcess(command[0], command[1], { cwd: dir, env })
const url = `http://127.0.0.1:${port}/`
const browser = await launchChromium()
try {
  await waitForPage(url, server.child, `${kind} server`)
  const page = await browser.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (request) => {
    if (request.url().endsWith('/api/chat')) requests.push(request.postDataJSON())
  })
  await page.goto(url)
  // Server-rendered (Next) or client-rendered (Vite): the composer is there and hydrated.
  const field = page.getByRole('textbox', { name: 'Message' })
  await field.waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => document.querySelector('[data-slot="chat"]') !== null)
  await field.fill('Hello from the example test')
  await field.press('Enter')
  const answer = page.getByRole('article', { name: 'Assistant' }).last()
  // Streaming: the answer has text while it is still arriving.
  await page.waitForFunction(
    () => {
      const list = document.querySelectorAll('[data-slot="message"][data-role="assistant"]')
      const last = list[list.length - 1]
      return (
        last?.getAttribute('data-status') === 'streaming' && last.textContent.trim().length > 20
      )
    },
    undefined,
    { timeout: 20_000 },
  )
  const partial = (await answer.textContent()).length
  await answerStatus(page, 'done', 30_000)
  const full = await answer.textContent()
  if (!(full.length > partial)) fail('the answer did not grow while streaming')
  if (!full.includes('Hello from the example test'))
    fail(`the mock's answer does not quote the prompt: ${full}`)
  const body = requests[0]
  if (!body || body.messages?.at(-1)?.content !== 'Hello from the example test') {
    fail(`the request body is not { messages }: ${JSON.stringify(body)}`)
  }

  // Regenerate, then stop half-way: the partial answer stays, marked stopped.
  await page.getByRole('button', { name: 'Regenerate' }).click()
  await page.waitForFunction(
    () => {
      const last = document.querySelector('[data-slot="message"][data-role="assistant"]')
      return (
        last?.getAttribute('data-status') === 'streaming' && last.textContent.trim().length > 20
      )
    },
    undefined,
    { timeout: 20_000 },
  )
  await page.getByRole('button', { name: 'Stop' }).click()
  await answerStatus(page, 'aborted', 10_000)
  const stopped = await answer.textContent()
  if (stopped.length < 20) fail('the stopped answer lost its text')
  await sleep(500)
  if ((await answer.textContent()) !== stopped) fail('text kept arriving after Stop')
  if (requests.length !== 2) fail(`expected 2 requests so far, saw ${requests.length}`)

  // Regenerate once more: a whole answer again.
  await page.getByRole('button', { name: 'Regenerate' }).click()
  await answerStatus(page, 'done', 30_000)
  const again = await answer.textContent()
  if (!again.includes('Hello from the example test')) fail('the regenerated answer is incomplete')
  if ((await page.getByRole('article', { name: 'Assistant' }).count()) !== 1) {
    fail('regenerate added an answer instead of replacing it')
  }
  if (errors.length > 0) fail(`page errors: ${errors.join('; ')}`)
  console.log(
    `${kind}: typed, sent, streamed (${partial} → ${full.length} chars), stopped at ${stopped.length}, regenerated`,
  )
} catch (error) {
  console.log(server.log())
  throw error
} finally {
  await browser.close()
  server.stop()
  await mock.close()
}
