import type { Preview } from '@storybook/react-vite'
import { mswLoader } from 'msw-storybook-addon/csf3'

const preview: Preview = {
  // Starts the msw worker once and applies each story's `parameters.msw` handlers.
  loaders: [mswLoader()],
  parameters: {
    // Any axe violation fails the story's test run, not only a panel warning.
    a11y: { test: 'error' },
    controls: { expanded: true },
    // The chat is what people meet first: Storybook opens on it.
    options: {
      storySort: { order: ['Chat', 'Components', 'Faults', 'Examples', 'Hooks', '*'] },
    },
  },
}

export default preview
