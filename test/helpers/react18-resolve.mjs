// Preloaded (node --import) into the react18 project's test workers. Vite's alias turns the
// tests' and sources' `react` into react-18, but the CommonJS inside react-dom and
// @testing-library/react require('react') through Node itself, which would find React 19.
// Here Node's own resolution sends every react and react-dom specifier to the 18 aliases.
import Module, { register } from 'node:module'

const pattern = /^(react|react-dom)(\/.*)?$/
const to18 = (specifier) => specifier.replace(pattern, '$1-18$2')

// require() from CommonJS
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, pattern.test(request) ? to18(request) : request, ...rest)
}

// import from ES modules
const hooks = `const pattern = ${pattern}
export async function resolve(specifier, context, next) {
  return next(pattern.test(specifier) ? specifier.replace(pattern, '$1-18$2') : specifier, context)
}`
register(`data:text/javascript,${encodeURIComponent(hooks)}`)
