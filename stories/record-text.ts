/**
 * Records every text an element shows from now on (a MutationObserver, so a state that lasts
 * one frame is still seen: TOOLCHAIN pitfall 9). Call `stop()` to disconnect.
 */
export function recordText(element: Element) {
  const seen: string[] = [element.textContent ?? '']
  const observer = new MutationObserver(() => {
    const text = element.textContent ?? ''
    if (seen.at(-1) !== text) seen.push(text)
  })
  observer.observe(element, { childList: true, characterData: true, subtree: true })
  return { seen, stop: () => observer.disconnect() }
}
