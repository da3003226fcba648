import { browserPathOrExit } from './find-browser.mjs'

// globalSetup of the browser projects: with no Chromium to launch, stop the run with the one
// line that says how to get one, instead of Playwright's "executable doesn't exist" stack.
export default function requireBrowser() {
  browserPathOrExit()
}
