#!/usr/bin/env bash
# A fresh app from the official Vite React template (its index.css kept, which styles bare
# elements: a centred #root, `code` as inline-flex with padding), with the packed tarball
# installed, the README's "chat in 15 lines" as its App.tsx and the registry's `chat` copied in;
# built with the template's own `tsc -b && vite build` (which type-checks the copied parts with
# the template's TypeScript and options), then checked in Chromium (.ci/template-app-drive.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
test -f dist/components/index.js || npm run build
tarball=$scratch/$(npm pack --ignore-scripts --silent --pack-destination "$scratch" | tail -n 1)

(cd "$scratch" && npm create --yes vite@9.3.0 app -- --template react-ts --no-interactive \
  </dev/null >/dev/null)
app=$scratch/app
test -f "$app/src/index.css" && grep -q "text-align: center" "$app/src/index.css"

# The README's first tsx block, as the template's default export.
node -e '
  const readme = require("fs").readFileSync(process.argv[1], "utf8")
  const section = readme.slice(readme.indexOf("## A chat in 15 lines"))
  const code = section.match(/```tsx\n([\s\S]*?)```/)[1]
  const name = code.match(/export function (\w+)/)[1]
  process.stdout.write(`${code}\nexport default ${name}\n`)
' README.md >"$app/src/App.tsx"
rm -f "$app/src/App.css"
# The registry's `chat`, copied in as `shadcn add` would: the template's `tsc -b` checks it too.
node scripts/build-registry.mjs --out "$scratch/r" >/dev/null
node .ci/registry-add.mjs "$scratch/r" chat "$app/src"

(cd "$app" && npm install --prefer-offline --no-audit --no-fund --silent &&
  npm install --prefer-offline --no-audit --no-fund --silent "$tarball" &&
  npm run build --silent >build.log 2>&1 || { cat build.log; exit 1; })
node .ci/template-app-drive.mjs "$app/dist" "${SCREENSHOT_DIR:-}"
