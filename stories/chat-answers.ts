import type { MockRequestInfo } from 'rivulet/mock'
import { codeHeavyAnswer, gfmShowcase, technicalAnswer } from './markdown-documents.ts'

/** A short answer that quotes the question (three-turn conversations stay quick). */
export function shortAnswer(prompt: string): string {
  return `You asked **“${prompt}”**. Here is a short answer: rivulet streams it token by token, and the chat keeps up.`
}

/** The mock's answer to a question: a document picked by a keyword, else a short reply. */
export function answerFor(info: MockRequestInfo): string {
  const prompt = info.prompt.toLowerCase()
  if (prompt.includes('table')) return gfmShowcase
  if (prompt.includes('code')) return codeHeavyAnswer
  if (prompt.includes('stream')) return technicalAnswer
  return shortAnswer(info.prompt)
}
