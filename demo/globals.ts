// What the dashboard exposes on `window`: its Stigg client, as an app would for debugging
// and as the end-to-end tests drive it.
import type { StiggClient } from 'gatehouse';

declare global {
  interface Window {
    stigg: StiggClient;
  }
}

export {};
