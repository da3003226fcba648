// The documents of the browser bench: one deterministic ~120 KB technical answer (headings,
// paragraphs with links and inline code, bullet and ordered lists, nested lists, tables, code
// blocks, quotes), its token schedule, and the pathological inputs.
import { seededRandom as random } from '../helpers.mjs'

const WORDS = (
  'stream chunk buffer decode token server client render update parser block answer latency ' +
  'reader writer event retry cursor header request response socket proxy cache queue field ' +
  'value state effect commit layout paint memory profile bundle module export import react'
).split(' ')

/** A ~`length`-character markdown answer, the same on every run. */
export function technicalAnswer(length = 120_000, seed = 17) {
  const rnd = random(seed)
  const pick = (list) => list[Math.floor(rnd() * list.length)]
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1))
  const word = () => pick(WORDS)
  const inline = () => {
    const r = rnd()
    if (r < 0.08) return `\`${word()}()\``
    if (r < 0.13) return `**${word()} ${word()}**`
    if (r < 0.17) return `*${word()}*`
    if (r < 0.2) return `[${word()} docs](https://example.com/${word()}/${int(1, 99)})`
    if (r < 0.21) return `~~${word()}~~`
    return word()
  }
  const sentence = () => {
    const words = Array.from({ length: int(6, 18) }, inline)
    const text = words.join(' ')
    return text[0].toUpperCase() + text.slice(1) + pick(['.', '.', '.', ':', '?'])
  }
  const paragraph = () => Array.from({ length: int(1, 4) }, sentence).join(' ')
  const sections = [
    (i) =>
      `## ${i}. ${sentence()
        .slice(0, 40)
        .replace(/[*`[\]~]/g, '')}\n\n${paragraph()}\n\n`,
    () => `${paragraph()}\n\n${paragraph()}\n\n`,
    () => Array.from({ length: int(3, 8) }, () => `- ${sentence()}\n`).join('') + '\n',
    () =>
      Array.from(
        { length: int(2, 5) },
        (_, k) =>
          `${k + 1}. ${sentence()}\n   - ${inline()} ${word()}\n   - ${word()} ${inline()}\n`,
      ).join('') + '\n',
    (i) => {
      const lines = Array.from(
        { length: int(3, 14) },
        (_, k) => `${'  '.repeat(k % 3)}const ${word()}${i}_${k} = await ${word()}(${int(0, 999)})`,
      )
      return `\`\`\`${pick(['ts', 'js', 'python', 'bash', ''])}\n${lines.join('\n')}\n\`\`\`\n\n`
    },
    () => {
      const cols = int(2, 5)
      const head = `| ${Array.from({ length: cols }, word).join(' | ')} |`
      const rule = `|${' --- |'.repeat(cols)}`
      const rows = Array.from(
        { length: int(3, 10) },
        () =>
          `| ${Array.from({ length: cols }, () => (rnd() < 0.3 ? inline() : int(0, 9999))).join(' | ')} |`,
      )
      return `${head}\n${rule}\n${rows.join('\n')}\n\n`
    },
    () => `> **Note:** ${sentence()} ${sentence()}\n\n`,
  ]
  let text = '# A long technical answer\n\n'
  for (let i = 1; text.length < length; i++) text += sections[i % 7 === 0 ? 0 : int(0, 6)](i)
  return text.slice(0, length)
}

/** Chunk sizes of an LLM-like token stream: 1–8 characters, ~4 on average, deterministic. */
export function tokenSizes(count, seed = 4) {
  const rnd = random(seed)
  const sizes = [2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 1, 8]
  return Array.from({ length: count }, () => sizes[Math.floor(rnd() * sizes.length)])
}

/** Inputs that have broken or slowed markdown renderers, each ~20–120 KB. */
export function pathologicalInputs() {
  const nested = '*a **b ~~c _d '.repeat(1500)
  return {
    'deep nesting (6k open emphasis)': nested + ' e_ ~~ ** *'.repeat(1500),
    'nested lists (60 levels)': Array.from(
      { length: 600 },
      (_, i) => `${'  '.repeat(i % 60)}- level ${i % 60} item ${i}\n`,
    ).join(''),
    '10k-row table': `| id | name | value |\n| --- | --- | ---: |\n${Array.from(
      { length: 10_000 },
      (_, i) => `| ${i} | r${i % 97} | ${i * 7} |`,
    ).join('\n')}\n`,
    'giant list (8k items)': Array.from({ length: 8_000 }, (_, i) => `- item **${i}**\n`).join(''),
    'long unbroken line (60 KB)': Array.from({ length: 6_000 }, (_, i) => `word${i} x`)
      .join(' ')
      .slice(0, 60_000),
    'many tiny paragraphs (12k)': Array.from({ length: 12_000 }, (_, i) => `p${i}\n\n`).join(''),
    'unclosed code fence (60 KB)': '```ts\n' + 'const x = f(1) + g(2)\n'.repeat(2_800),
    '20k open brackets': '['.repeat(20_000) + 'x',
    '"**a " x 10k': '**a '.repeat(10_000),
  }
}
