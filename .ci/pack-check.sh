#!/usr/bin/env bash
# Installs the packed tarball into scratch apps, as a user would, and checks that
# rivulet/core loads with no React installed, that every entry point resolves with types, and
# (optional-peers-check.sh) that apps without shiki and msw build with esbuild, Vite and Next.js.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# As from a fresh clone: no dist/, so the tarball has it only if `prepack` builds it.
rm -rf dist
tarball=$(npm pack --silent --pack-destination "$scratch" | tail -n 1)
tar -tzf "$scratch/$tarball" >"$scratch/contents.txt"
for file in package/dist/core/index.js package/dist/components/index.js package/LICENSE; do
  grep -qx "$file" "$scratch/contents.txt" || { echo "the tarball has no $file"; exit 1; }
done
# React Server Components need 'use client' to head the client entries after the build.
for entry in react components highlight; do
  head -c 40 "dist/$entry/index.js" | grep -q "^.use client.;" ||
    { echo "dist/$entry/index.js lost its 'use client' directive"; exit 1; }
done
for entry in core mock; do
  ! grep -q "use client" "dist/$entry/index.js" || { echo "dist/$entry/index.js must not be a client module"; exit 1; }
done

mkdir "$scratch/bare" "$scratch/app"
cd "$scratch/bare"
npm init -y >/dev/null
# A clean install on this Node (CI runs Node 20) must not warn about engines (EBADENGINE).
npm install --prefer-offline --no-audit --no-fund --loglevel=warn "$scratch/$tarball" >install.log 2>&1 ||
  { cat install.log; exit 1; }
if grep -q EBADENGINE install.log; then
  cat install.log
  echo "installing rivulet on Node $(node -v) warns about engines"
  exit 1
fi
echo "a clean install on Node $(node -v) prints no engine warning"
test ! -e node_modules/react || { echo "react was installed although it is an optional peer"; exit 1; }
node --input-type=module -e "
const core = await import('rivulet/core')
if (typeof core.StreamError !== 'function') throw new Error('rivulet/core has no StreamError')
console.log('rivulet/core without react:', Object.keys(core).length, 'exports')"

cd "$scratch/app"
npm init -y >/dev/null
npm pkg set type=module
react=$(node -p "require('$root/node_modules/react/package.json').version")
types=$(node -p "require('$root/node_modules/@types/react/package.json').version")
msw=$(node -p "require('$root/node_modules/msw/package.json').version")
shiki=$(node -p "require('$root/node_modules/shiki/package.json').version")
npm install --prefer-offline --no-audit --no-fund --silent "$scratch/$tarball" "react@$react" \
  "react-dom@$react" "@types/react@$types" "msw@$msw" "shiki@$shiki"
node --input-type=module -e "
for (const name of ['rivulet', 'rivulet/core', 'rivulet/react', 'rivulet/components',
  'rivulet/highlight', 'rivulet/mock', 'rivulet/mock/stream', 'rivulet/mock/server']) {
  await import(name)
}
const css = import.meta.resolve('rivulet/styles.css')
const { readFileSync } = await import('node:fs')
if (!readFileSync(new URL(css), 'utf8').includes('--rivulet-')) throw new Error('styles.css is empty')
console.log('all eight entry points resolve')
const { shikiHighlighter } = await import('rivulet/highlight')
const lines = await shikiHighlighter('const a = 1\\n', 'ts')
if (!Array.isArray(lines) || lines.length !== 1) throw new Error('rivulet/highlight did not highlight')
console.log('rivulet/highlight highlights with shiki installed')"
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true,
  "noEmit": true, "skipLibCheck": false, "types": [], "lib": ["ESNext", "DOM"] },
  "files": ["check.ts"] }
JSON
cat > check.ts <<'TS'
import * as all from 'rivulet'
import * as core from 'rivulet/core'
import * as react from 'rivulet/react'
import * as components from 'rivulet/components'
import * as highlight from 'rivulet/highlight'
import * as mock from 'rivulet/mock'
import * as mockStream from 'rivulet/mock/stream'
import * as mockServer from 'rivulet/mock/server'
import type { StreamError } from 'rivulet/core'
const kind: StreamError['kind'] = 'truncated'
export const used = [all, core, react, components, highlight, mock, mockStream, mockServer, kind]
TS
"$root/node_modules/.bin/tsc" -p .
echo "types of every entry point check"

bash "$root/.ci/optional-peers-check.sh" "$scratch/$tarball"
