// The floor: the same React root and commits, the text appended to a <pre>.
import { createElement, install } from '../harness.mjs'

install((text) => createElement('pre', null, text))
