import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  globalIgnores(['dist', 'storybook-static', 'public/mockServiceWorker.js', 'coverage']),
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // rivulet/core runs anywhere: no React, and no reaching into the other entry points.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
              message: 'rivulet/core must not import React.',
            },
            {
              group: ['rivulet', 'rivulet/*', '../react/*', '../components/*', '../mock/*'],
              message: 'rivulet/core imports nothing from the other entry points.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/react/**', 'src/components/**', 'src/mock/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../core/*', '../react/*', '../components/*', '../mock/*', '../../*'],
              message: 'Import sibling entry points by their public name (rivulet/core).',
            },
          ],
        },
      ],
    },
  },
)
