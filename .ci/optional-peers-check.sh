#!/usr/bin/env bash
# Builds scratch apps from the packed tarball with the optional peers (shiki, msw) absent, as a
# user who installed neither would: esbuild, Vite and `next build` (App Router) must all succeed,
# and no built file may contain shiki or msw. Every entry the README calls free of optional peers
# is bundled: rivulet, rivulet/core, rivulet/react, rivulet/components, rivulet/mock/stream and
# (for Node) rivulet/mock/server. rivulet/highlight needs shiki and rivulet/mock needs msw.
# Usage: bash .ci/optional-peers-check.sh path/to/rivulet.tgz
set -euo pipefail
tarball=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
next_version=16.5.0
react=$(node -p "require('$root/node_modules/react/package.json').version")
export NEXT_TELEMETRY_DISABLED=1

cd "$scratch"
npm init -y >/dev/null
npm pkg set type=module
npm pkg set private=true --json
# --prefer-offline: the packages come from the npm cache when it has them.
npm install --prefer-offline --no-audit --no-fund --silent "$tarball" "react@$react" \
  "react-dom@$react" "next@$next_version"
for peer in shiki msw; do
  test ! -e "node_modules/$peer" || { echo "$peer was installed although it is an optional peer"; exit 1; }
done

mkdir -p src app
cat > src/answer.jsx <<'JSX'
'use client'
import { StreamingMarkdown } from 'rivulet/components'
import { useStream } from 'rivulet/react'
import 'rivulet/styles.css'

export const answer = '# Answer\n\n```ts\nconst a: number = 1\n```\n\nDone **now**.'

/** A page part that uses the hook and the component, as an app would. */
export function Answer({ url }) {
  const { text, isLoading } = useStream({ url, format: 'auto' })
  return <StreamingMarkdown text={text || answer} streaming={isLoading} />
}
JSX
cat > src/browser.jsx <<'JSX'
import { createRoot } from 'react-dom/client'
import * as all from 'rivulet'
import * as core from 'rivulet/core'
import * as mockStream from 'rivulet/mock/stream'
import { Answer } from './answer.jsx'

const root = document.getElementById('root') ?? document.body
globalThis.rivulet = { all, core, mockStream }
createRoot(root).render(<Answer url="/api/chat" />)
JSX
cat > src/server.js <<'JS'
import { startMockServer } from 'rivulet/mock/server'
import { mockStream } from 'rivulet/mock/stream'
export { startMockServer, mockStream }
JS
cat > index.html <<'HTML'
<!doctype html>
<html lang="en"><body><div id="root"></div><script type="module" src="/src/browser.jsx"></script></body></html>
HTML
cat > app/layout.jsx <<'JSX'
export const metadata = { title: 'rivulet without optional peers' }
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
JSX
# A server component page rendering the client component straight from rivulet/components.
cat > app/page.jsx <<'JSX'
import { StreamingMarkdown } from 'rivulet/components'
import { Answer, answer } from '../src/answer.jsx'

export default function Page() {
  return (
    <main>
      <StreamingMarkdown text={answer} />
      <Answer url="/api/chat" />
    </main>
  )
}
JSX

# An import specifier of an optional peer left in built JavaScript would fail at run time.
nothing_optional() {
  if grep -rlE --include='*.js' --include='*.mjs' "[\"'](shiki|msw)(/[^\"']*)?[\"']" "$@"; then
    echo "a build names an optional peer (files above)"
    exit 1
  fi
}

bin=$root/node_modules/.bin
"$bin/esbuild" src/browser.jsx --bundle --splitting --format=esm --minify --jsx=automatic \
  --outdir=out/esbuild --log-level=warning
"$bin/esbuild" src/server.js --bundle --platform=node --format=esm --outdir=out/esbuild-node \
  --log-level=warning
nothing_optional out/esbuild out/esbuild-node
echo "esbuild bundles every entry without shiki or msw"

"$bin/vite" build --logLevel error --outDir out/vite
nothing_optional out/vite
echo "vite builds without shiki or msw"

./node_modules/.bin/next build >next-build.log 2>&1 || { cat next-build.log; exit 1; }
nothing_optional .next/static
grep -q 'data-slot="code-block-language"' .next/server/app/index.html ||
  { echo "the prerendered page has no code block"; exit 1; }
echo "next build (App Router, Next.js $next_version) builds and prerenders without shiki or msw"
