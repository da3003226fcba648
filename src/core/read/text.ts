/**
 * Decodes raw chunks as UTF-8 text as they arrive: a character split across chunks comes
 * whole, a leading BOM is stripped, and a character cut off at the end becomes U+FFFD.
 */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true })
    if (text) yield text
  }
  const rest = decoder.decode()
  if (rest) yield rest
}
