// Serves a built app (its dist/) with /api/chat forwarded to the mock LLM server, and checks in
// Chromium at 375 px that the chat renders as it should under the app's own global CSS: the
// composer visible with its text left-aligned, an answer streamed with its code block intact,
// and nothing wider than the viewport.
//   node .ci/template-app-drive.mjs <dist dir> [screenshot dir]
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { startMockServer } from '../dist/mock/server/index.js'
import { answerStatus, launchChromium } from './browser-helpers.mjs'

const [dist, shots] = process.argv.slice(2)
if (!dist) throw new Error('usage: template-app-drive.mjs <dist dir> [screenshot dir]')
const fail = (message) => {
  throw new Error(`template app: ${message}`)
}

const code = 'const total = items.reduce((sum, item) => sum + item.price, 0)'
const text = [
  'Here is how to **sum** the prices with `Array.prototype.reduce`, a method every array has:',
  '',
  '```ts',
  code,
  'console.log(total)',
  '```',
  '',
  'That is all.',
].join('\n')
const mock = await startMockServer({ port: 0, defaults: { text, ttft: 200, tokenDelay: 40 } })

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
}
const server = createServer(async (request, response) => {
  if (request.url === '/api/chat') {
    const chunks = []
    for await (const chunk of request) chunks.push(chunk)
    const upstream = await fetch(`${mock.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
    })
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') })
    for await (const chunk of upstream.body) response.write(chunk)
    response.end()
    return
  }
  const path = normalize(new URL(request.url, 'http://x').pathname).replace(/^\/+/, '')
  const file = join(dist, path === '' ? 'index.html' : path)
  try {
    const body = await readFile(file)
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
    response.end(body)
  } catch {
    response.writeHead(404).end()
  }
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${server.address().port}/`

const browser = await launchChromium()
try {
  for (const colorScheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, colorScheme })
    const errors = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(url)
    const field = page.getByRole('textbox', { name: 'Message' })
    await field.waitFor({ state: 'visible', timeout: 30_000 })
    await field.fill('How do I add up prices?')
    await field.press('Enter')
    await answerStatus(page, 'streaming', 20_000)
    await answerStatus(page, 'done', 30_000)
    const seen = await page.evaluate(() => {
      const style = (element) => getComputedStyle(element)
      const field = document.querySelector('[data-slot="composer-input"]')
      const answer = document.querySelector('[data-slot="message"][data-role="assistant"]')
      const paragraph = answer.querySelector('p')
      const pre = answer.querySelector('pre')
      const code = pre?.querySelector('code')
      const inline = paragraph.querySelector('code')
      const chat = document.querySelector('[data-slot="chat"]')
      const box = (element) => element.getBoundingClientRect()
      return {
        fieldAlign: style(field).textAlign,
        fieldVisible: box(field).width > 200 && box(field).height > 20,
        paragraphAlign: style(paragraph).textAlign,
        paragraphStart: box(paragraph).left - box(answer).left,
        preAlign: pre && style(pre).textAlign,
        codeDisplay: code && style(code).display,
        inlineCodeDisplay: inline && style(inline).display,
        codePadding: code && style(code).paddingLeft,
        codeLines: code?.innerText.trimEnd().split('\n'),
        codeStart: code && pre && box(code).left - box(pre).left,
        chatWidth: box(chat).width,
        pageWidth: document.scrollingElement.scrollWidth,
      }
    })
    if (shots) await page.screenshot({ path: join(shots, `template-app.${colorScheme}.375.png`) })
    const where = `(${colorScheme}) ${JSON.stringify(seen)}`
    if (!seen.fieldVisible) fail(`the composer is not visible ${where}`)
    if (!['start', 'left'].includes(seen.fieldAlign))
      fail(`the composer's text is not left-aligned ${where}`)
    if (!['start', 'left'].includes(seen.paragraphAlign))
      fail(`the answer is not left-aligned ${where}`)
    if (!['start', 'left'].includes(seen.preAlign)) fail(`the code block is centred ${where}`)
    if (seen.codeDisplay !== 'inline' || seen.inlineCodeDisplay !== 'inline') {
      fail(`the app's \`code\` rule changed how code lays out ${where}`)
    }
    if (seen.codeLines?.[0] !== code || seen.codeLines.length !== 2)
      fail(`the code lines are wrong ${where}`)
    if (seen.chatWidth < 330) fail(`the chat does not fill the page ${where}`)
    if (seen.pageWidth > 375) fail(`the page overflows to ${seen.pageWidth}px ${where}`)
    if (errors.length > 0) fail(`page errors: ${errors.join('; ')}`)
    console.log(`template app (${colorScheme}, 375 px): ${JSON.stringify(seen)}`)
    await page.close()
  }
} finally {
  await browser.close()
  server.close()
  await mock.close()
}
