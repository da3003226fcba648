/** A link reference definition as markdown-it stores it (href already normalized). */
export interface ReferenceDefinition {
  href: string
  title: string
}

/**
 * The definitions collected across every block of a document. Blocks are parsed one at a
 * time, so a `[label]` or `[^note]` in one block must still resolve against a definition that
 * sits in another block, or that arrives later in the stream.
 */
export interface Definitions {
  /** Link reference definitions by normalized label; the first definition of a label wins. */
  readonly references: Readonly<Record<string, ReferenceDefinition>>
  /** Footnote labels in the order they are defined; a footnote's number is its index + 1. */
  readonly footnotes: readonly string[]
}

/** The empty set of definitions, shared so that blocks without any compare equal. */
export const NO_DEFINITIONS: Definitions = Object.freeze({
  references: Object.freeze({}),
  footnotes: Object.freeze([]),
})

/** What a markdown-it env holds after the block stage. */
export interface ParseEnv {
  [key: string | symbol]: unknown
  references?: Record<string, ReferenceDefinition>
  footnotes?: { refs?: Record<string, number>; list?: unknown[] }
}

/** Merges definitions in document order: labels already present keep their first value. */
export function mergeDefinitions(first: Definitions, env: ParseEnv): Definitions {
  const references = env.references ?? {}
  const footnotes = Object.keys(env.footnotes?.refs ?? {}).map((key) => key.slice(1))
  let addedRefs: Record<string, ReferenceDefinition> | undefined
  for (const label of Object.keys(references)) {
    if (!(label in first.references) && references[label]) {
      addedRefs ??= { ...first.references }
      addedRefs[label] = references[label]
    }
  }
  const newNotes = footnotes.filter((label) => !first.footnotes.includes(label))
  if (!addedRefs && newNotes.length === 0) return first
  return {
    references: addedRefs ?? first.references,
    footnotes: newNotes.length ? [...first.footnotes, ...newNotes] : first.footnotes,
  }
}

/** True when both sets hold the same labels with the same targets. */
export function sameDefinitions(a: Definitions, b: Definitions): boolean {
  if (a === b) return true
  if (a.footnotes.length !== b.footnotes.length) return false
  if (a.footnotes.some((label, i) => b.footnotes[i] !== label)) return false
  const keys = Object.keys(a.references)
  if (keys.length !== Object.keys(b.references).length) return false
  return keys.every((key) => {
    const x = a.references[key]
    const y = b.references[key]
    return !!x && !!y && x.href === y.href && x.title === y.title
  })
}

/** A fresh markdown-it env pre-filled with the document's definitions. */
export function envFor(definitions: Definitions): ParseEnv {
  const refs: Record<string, number> = {}
  for (const label of definitions.footnotes) refs[`:${label}`] = -1
  return { references: { ...definitions.references }, footnotes: { refs } }
}
