#!/usr/bin/env bash
# Builds examples/vite-chat and examples/next-chat from the packed tarball (as a user installs
# it, in scratch copies, packages from the npm cache when it has them) and drives each in
# Chromium against the mock LLM server (.ci/examples-drive.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export NEXT_TELEMETRY_DISABLED=1
test -f dist/mock/server/index.js || npm run build
tarball=$scratch/$(npm pack --silent --pack-destination "$scratch" | tail -n 1)
version() { node -p "require('$root/node_modules/$1/package.json').version"; }
react=$(version react)
install() {
  npm install --prefer-offline --no-audit --no-fund --silent "$tarball" "$@"
}

cp -r examples/vite-chat "$scratch/vite-chat"
rm -rf "$scratch/vite-chat/node_modules" "$scratch/vite-chat/dist"
(cd "$scratch/vite-chat" && install "react@$react" "react-dom@$react" "vite@$(version vite)" \
  "@vitejs/plugin-react@$(version @vitejs/plugin-react)" && node_modules/.bin/vite build --logLevel error)
node .ci/examples-drive.mjs vite "$scratch/vite-chat"

cp -r examples/next-chat "$scratch/next-chat"
rm -rf "$scratch/next-chat/node_modules" "$scratch/next-chat/.next"
(cd "$scratch/next-chat" && install "react@$react" "react-dom@$react" next@16.5.0 \
  "typescript@$(version typescript)" "@types/react@$(version @types/react)" \
  "@types/node@$(version @types/node)" &&
  { node_modules/.bin/next build >next-build.log 2>&1 || { cat next-build.log; exit 1; }; })
node .ci/examples-drive.mjs next "$scratch/next-chat"
