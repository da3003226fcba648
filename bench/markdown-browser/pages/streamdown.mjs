import { Streamdown } from 'streamdown'
import { createElement, install } from '../harness.mjs'

install((text, streaming) =>
  createElement(
    Streamdown,
    { isAnimating: streaming, parseIncompleteMarkdown: true, controls: false },
    text,
  ),
)
