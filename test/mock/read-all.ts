/** Reads a body to the end: its chunks (as received) and its full text. */
export async function readAll(response: Response) {
  const chunks: Uint8Array[] = []
  const reader = response.body!.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
  }
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.length
  }
  return { chunks, bytes, text: new TextDecoder().decode(bytes) }
}

/** SSE events of a complete body, split on blank lines (test-side check of the raw bytes). */
export function sseBlocks(text: string): { id?: string; event?: string; data: string }[] {
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      const out: { id?: string; event?: string; data: string } = { data: '' }
      const data: string[] = []
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(': ')
        const value = rest.join(': ')
        if (field === 'data') data.push(value)
        else if (field === 'event') out.event = value
        else if (field === 'id') out.id = value
      }
      out.data = data.join('\n')
      return out
    })
}
