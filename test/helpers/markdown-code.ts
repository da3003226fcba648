import { readFileSync } from 'node:fs'

/** One fenced code block of a markdown file. */
export interface CodeBlock {
  lang: string
  code: string
  /** 1-based line of the block's first code line in the file. */
  line: number
}

/** The fenced (```) code blocks of a markdown file, with their language and position. */
export function codeBlocks(file: string | URL): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n')
  const blocks: CodeBlock[] = []
  let open: { lang: string; fence: string; start: number; body: string[] } | undefined
  lines.forEach((text, index) => {
    if (!open) {
      const start = /^(\s*)(`{3,})\s*([\w-]*)/.exec(text)
      if (start)
        open = { lang: start[3] ?? '', fence: start[2] ?? '```', start: index + 2, body: [] }
      return
    }
    if (text.trim() === open.fence) {
      blocks.push({ lang: open.lang, code: open.body.join('\n'), line: open.start })
      open = undefined
    } else open.body.push(text)
  })
  if (open) throw new Error(`unclosed code fence at line ${open.start - 1}`)
  return blocks
}
