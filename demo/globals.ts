// What the dashboard exposes on `window`: its Stigg client, as an app would for debugging
// and as the end-to-end tests drive it.
import type { default as Gatehouse, StiggClient } from 'gatehouse';

declare global {
  interface Window {
    stigg: StiggClient;
    /** The package's entry, on the ready-made page only. */
    Gatehouse?: typeof Gatehouse;
  }
}

export {};
