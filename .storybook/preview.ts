import type { Preview } from '@storybook/react-vite'
import { mswLoader } from 'msw-storybook-addon/csf3'

const preview: Preview = {
  // A Docs page per story file: its stories with their JSDoc, and the component's props.
  tags: ['autodocs'],
  // Starts the msw worker once and applies each story's `parameters.msw` handlers.
  loaders: [mswLoader()],
  parameters: {
    // Any axe violation fails the story's test run, not only a panel warning.
    a11y: { test: 'error' },
    controls: { expanded: true },
    // Storybook opens on the first entry: the Introduction, then the chat people meet first.
    options: {
      storySort: {
        order: [
          'Introduction',
          'Chat',
          ['Chat', 'Formats'],
          'Guides',
          ['Formats', 'Errors', 'Retry and resume', 'Markdown safety', 'Theming', 'Accessibility'],
          'Components',
          'Faults',
          'Examples',
          'Hooks',
          'API',
          '*',
        ],
      },
    },
  },
}

export default preview
