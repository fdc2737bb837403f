// The ready-made service worker, built as one classic script for apps that have none.
// An app's build prepends `self.__GATEHOUSE_PRECACHE__ = [...]`, its precache manifest in
// Workbox's `{ url, revision }` format (the `gatehouse/vite` plugin does); without it only
// the shell page is precached, and the page names the assets it loaded (app-shell.ts).
import { installAppShell, installGatehouse, takeControl, type PrecacheEntry } from './index';

const build = self as { __GATEHOUSE_PRECACHE__?: readonly (string | PrecacheEntry)[]; __GATEHOUSE_DEV__?: boolean };

takeControl(self);
// Under a dev server (`gatehouse/vite` sets the flag) modules change on every edit: no app shell.
if (build.__GATEHOUSE_DEV__ !== true) installAppShell(self, { precache: build.__GATEHOUSE_PRECACHE__ });
installGatehouse(self);
