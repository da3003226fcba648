export type FoundBrowser = { path: string; source: 'CHROMIUM_PATH' | 'system' | 'playwright' }
export type NoBrowser = { path: undefined; hint: string }

export type FindBrowserOptions = {
  env?: Record<string, string | undefined>
  platform?: string
  exists?: (path: string) => boolean
  playwrightPath?: () => string | undefined
}

export function findBrowser(options?: FindBrowserOptions): FoundBrowser | NoBrowser
export function systemCandidates(
  platform: string,
  env: Record<string, string | undefined>,
): string[]
export function browserHint(platform: string): string
export function browserPathOrExit(options?: FindBrowserOptions): string
