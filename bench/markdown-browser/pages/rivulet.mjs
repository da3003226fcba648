import { StreamingMarkdown } from '../../../src/components/streaming-markdown.tsx'
import { createElement, install } from '../harness.mjs'

install((text, streaming) => createElement(StreamingMarkdown, { text, streaming }))
