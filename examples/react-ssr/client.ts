// The browser side: hydrates what the server rendered, with the same props (the bootstrap
// included), so the first client render matches the server's HTML.
import { createElement as h } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App, type AppProps } from './app';

declare global {
  interface Window {
    __APP_PROPS__: AppProps;
  }
}

hydrateRoot(document.getElementById('root')!, h(App, window.__APP_PROPS__), {
  onRecoverableError: (error) => console.error('Hydration error:', error),
});
