import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { createElement, install } from '../harness.mjs'

const plugins = [remarkGfm]
install((text) => createElement(Markdown, { remarkPlugins: plugins }, text))
