/**
 * What goes wrong in a mock stream, after `after` tokens have been sent (0 = before the
 * first token; more than there are tokens = after the last one, before the terminator):
 * - `drop`: the body closes cleanly without the format's terminator (a truncated stream);
 * - `network`: the body errors, as when the connection is reset;
 * - `hang`: nothing more is sent and the body stays open until the reader cancels it;
 * - `malformed`: one broken event (invalid JSON) is sent, then the stream goes on;
 * - `provider-error`: the provider's own mid-stream error event, then the body closes.
 */
export type MockFault =
  | { type: 'drop'; after: number }
  | { type: 'network'; after: number }
  | { type: 'hang'; after: number }
  | { type: 'malformed'; after: number }
  | { type: 'provider-error'; after: number; message?: string }

/** The fault names, as written in `fault=<name>-after:<n>` (mock server) or `{ type }`. */
const faultTypes = ['drop', 'network', 'hang', 'malformed', 'provider-error'] as const

/**
 * Reads the short form of a fault used by the mock server's query string and header:
 * `drop-after:5`, `network-after:3`, `hang-after:2`, `malformed-after:1`,
 * `provider-error-after:4` (`:n` defaults to 0; `<name>:n` is accepted too).
 * Throws an error naming the option for anything else.
 */
export function parseFault(text: string, option = 'fault'): MockFault {
  const match = /^([a-z-]+?)(?:-after)?(?::(\d+))?$/.exec(text.trim())
  const type = match?.[1]
  if (!match || !faultTypes.includes(type as MockFault['type'])) {
    throw new TypeError(
      `mockStream: ${option} must be one of ${faultTypes.map((t) => `${t}-after:N`).join(', ')}, got ${JSON.stringify(text)}`,
    )
  }
  return { type: type as MockFault['type'], after: Number(match[2] ?? 0) }
}
