// Takes docs/chat.png, the README's picture: the Chat story mid-answer, in real Chromium,
// from a built Storybook served at STORYBOOK_URL (npx storybook build, then any static server).
//   STORYBOOK_URL=http://127.0.0.1:6006 node scripts/readme-screenshot.mjs
import { chromium } from 'playwright'
import { browserPathOrExit } from '../test/helpers/find-browser.mjs'

const base = process.env.STORYBOOK_URL
if (!base) throw new Error('Set STORYBOOK_URL to a served storybook-static folder')
const browser = await chromium.launch({
  executablePath: browserPathOrExit(),
  args: ['--no-sandbox', '--disable-gpu'],
})
try {
  const page = await browser.newPage({
    viewport: { width: 900, height: 600 },
    colorScheme: 'light',
  })
  // The story's play function types a question and sends it.
  await page.goto(`${base}/iframe.html?id=chat-chat--conversation&viewMode=story`)
  const answer = page.getByRole('article', { name: 'Assistant' })
  // Mid-answer: the first code block has arrived, the typing cursor is still there.
  await answer.getByText('2. Split events').waitFor({ timeout: 60_000 })
  await page.evaluate(() => {
    const list = document.querySelector('[data-slot="message-list"]')
    list?.scrollTo({ top: 0 })
  })
  await page.screenshot({ path: new URL('../docs/chat.png', import.meta.url).pathname })
} finally {
  await browser.close()
}
