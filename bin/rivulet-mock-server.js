#!/usr/bin/env node
// The mock LLM server of rivulet/mock, from the built package (`npm run build` first in a checkout).
import { runMockServerCli } from '../dist/mock/server/index.js'

runMockServerCli(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
