// The ready-made service worker, built as one classic script for apps that have none.
// An app's build may prepend `self.__GATEHOUSE_PRECACHE__ = [...urls]` to precache its
// assets (the demo's build does); without it only the shell page is precached.
import { installAppShell, installGatehouse, takeControl } from './index';

declare const self: ServiceWorkerGlobalScope & { __GATEHOUSE_PRECACHE__?: readonly string[] };

takeControl(self);
installAppShell(self, { precache: self.__GATEHOUSE_PRECACHE__ });
installGatehouse(self);
