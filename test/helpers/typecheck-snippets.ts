import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** A piece of source to type-check as its own module. */
export interface Snippet {
  name: string
  code: string
  tsx: boolean
}

/** A compiler message for one snippet, with the 1-based line inside the snippet. */
export interface SnippetDiagnostic {
  name: string
  line: number
  message: string
}

// The project's compiler options, and its own declaration files (module shims and the like).
function project(): { options: ts.CompilerOptions; declarations: string[] } {
  const file = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json')
  if (!file) throw new Error('tsconfig.json not found')
  const { config } = ts.readConfigFile(file, ts.sys.readFile)
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root)
  return {
    options: { ...parsed.options, noEmit: true, noUnusedLocals: false },
    declarations: parsed.fileNames.filter((name) => name.endsWith('.d.ts')),
  }
}

/**
 * Type-checks each snippet as a module of the project (its tsconfig, its `rivulet/*` paths to
 * `src/`), with `prelude` as an ambient script for the free names the snippets assume.
 * Returns every error, by snippet and line.
 */
export function typecheckSnippets(snippets: Snippet[], prelude: string): SnippetDiagnostic[] {
  const { options, declarations } = project()
  const files = new Map<string, string>()
  const preludeFile = `${root}test/docs/__snippets__/prelude.d.ts`
  files.set(preludeFile, prelude)
  const names = new Map<string, string>()
  snippets.forEach((snippet, index) => {
    const file = `${root}test/docs/__snippets__/snippet-${index}.${snippet.tsx ? 'tsx' : 'ts'}`
    // `export {}` makes every snippet a module, so its names shadow the prelude's.
    files.set(file, `${snippet.code}\nexport {}\n`)
    names.set(file, snippet.name)
  })
  const host = ts.createCompilerHost(options)
  const readFile = host.readFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  const getSourceFile = host.getSourceFile.bind(host)
  host.readFile = (name) => files.get(name) ?? readFile(name)
  host.fileExists = (name) => files.has(name) || fileExists(name)
  host.getSourceFile = (name, language, onError, create) => {
    const text = files.get(name)
    if (text !== undefined) return ts.createSourceFile(name, text, language, true)
    return getSourceFile(name, language, onError, create)
  }
  const program = ts.createProgram([...declarations, ...files.keys()], options, host)
  const found: SnippetDiagnostic[] = []
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (!file || !names.has(file.fileName)) {
      // An error in the prelude or the project itself is a failure of every snippet.
      found.push({ name: file?.fileName.replace(root, '') ?? 'program', line: 0, message })
      continue
    }
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
    found.push({ name: names.get(file.fileName) ?? file.fileName, line: line + 1, message })
  }
  return found
}
