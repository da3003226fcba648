import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const base = 'http://registry.test/r'

interface RegistryFile {
  path: string
  type: string
  target: string
  content: string
}
interface RegistryItem {
  name: string
  type: string
  dependencies?: string[]
  registryDependencies?: string[]
  files: RegistryFile[]
}

let scratch: string
let out: string
const item = async (name: string): Promise<RegistryItem> =>
  JSON.parse(await readFile(join(out, `${name}.json`), 'utf8')) as RegistryItem

/** What `shadcn add <url>` does with a registry item: its dependencies first, then its files. */
async function add(name: string, into: string, done = new Set<string>()): Promise<string[]> {
  if (done.has(name)) return []
  done.add(name)
  const built = await item(name)
  const written: string[] = []
  for (const dependency of built.registryDependencies ?? []) {
    expect(dependency.startsWith(`${base}/`)).toBe(true)
    written.push(...(await add(dependency.slice(base.length + 1, -'.json'.length), into, done)))
  }
  for (const file of built.files) {
    const path = join(into, file.target)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, file.content)
    written.push(file.target)
  }
  return written
}

const tsc = (project: string) =>
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], {
    encoding: 'utf8',
    stdio: 'pipe',
  })

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'rivulet-registry-'))
  out = join(scratch, 'r')
  execFileSync(process.execPath, [
    join(root, 'scripts/build-registry.mjs'),
    '--out',
    out,
    '--base-url',
    base,
  ])
})
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('the shadcn registry', () => {
  test('every item is valid registry JSON whose files import only React, rivulet and each other', async () => {
    const registry = JSON.parse(await readFile(join(root, 'registry.json'), 'utf8')) as {
      items: RegistryItem[]
    }
    const names = registry.items.map((entry) => entry.name)
    expect(names).toEqual(expect.arrayContaining(['chat', 'message', 'composer', 'message-list']))
    for (const name of names) {
      const built = await item(name)
      expect(built.name).toBe(name)
      expect(['registry:ui', 'registry:lib', 'registry:hook', 'registry:file']).toContain(
        built.type,
      )
      for (const file of built.files) {
        expect(file.target).toMatch(/^components\/rivulet\//)
        expect(file.content.length).toBeGreaterThan(0)
        for (const [, specifier] of file.content.matchAll(/from\s+'([^']+)'/g)) {
          expect(specifier, `${file.path} imports ${specifier}`).toMatch(
            /^(react|rivulet\/(core|react|components)|\.\/[a-z-]+)$/,
          )
        }
      }
      if (built.files.some((file) => file.path.endsWith('.tsx') || file.path.endsWith('.ts'))) {
        expect(built.dependencies).toEqual(['rivulet'])
      }
    }
  })

  test('`chat` installs into a scratch app as shadcn add would, and type-checks there', async () => {
    const app = join(scratch, 'app')
    await mkdir(join(app, 'src'), { recursive: true })
    // The app's own modules: React from this checkout, `rivulet` as its public entry names.
    await symlink(join(root, 'node_modules'), join(app, 'node_modules'), 'dir')
    const written = await add('chat', join(app, 'src'))
    expect(written).toContain('components/rivulet/chat/chat.tsx')
    expect(written).toContain('components/rivulet/styles.css')
    await writeFile(
      join(app, 'src/App.tsx'),
      [
        "import './components/rivulet/styles.css'",
        "import { Chat } from './components/rivulet/chat/chat'",
        "import { MessageList } from './components/rivulet/chat/message-list'",
        "import { Composer } from './components/rivulet/chat/composer'",
        "import { StreamStats } from './components/rivulet/chat/stream-stats'",
        '',
        'export function App() {',
        '  return (',
        "    <Chat options={{ url: '/api/chat' }} labels={{ send: 'Go' }}>",
        '      <MessageList />',
        '      <StreamStats />',
        '      <Composer />',
        '    </Chat>',
        '  )',
        '}',
        '',
      ].join('\n'),
    )
    await writeFile(join(app, 'src/css.d.ts'), "declare module '*.css'\n")
    // The Vite React template's compiler options (tsconfig.app.json), strict as apps are.
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'bundler',
          jsx: 'react-jsx',
          strict: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          noFallthroughCasesInSwitch: true,
          verbatimModuleSyntax: true,
          moduleDetection: 'force',
          skipLibCheck: true,
          noEmit: true,
          types: [],
          // rivulet's own sources stand in for the installed package.
          allowImportingTsExtensions: true,
          paths: {
            rivulet: [join(root, 'src/index.ts')],
            'rivulet/*': [join(root, 'src/*/index.ts')],
          },
        },
        // …with the one module declaration rivulet's sources carry for a dependency.
        include: ['src', join(root, 'src/components/markdown/markdown-it-footnote.d.ts')],
      }),
    )
    let output: string
    try {
      output = tsc(app)
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error)
    }
    expect(output).toBe('')
  }, 120_000)
})
