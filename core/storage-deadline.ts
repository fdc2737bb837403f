// Storage never holds up the app's origin: every IndexedDB open has this deadline. An
// open can wait indefinitely (an upgrade blocked by a connection another tab keeps to an
// older version, and every open queued behind it), and a service worker's activation or
// a page load that waited on it would hang the origin. Past the deadline the caller goes
// on without storage (memory, network). The engine's helper: engine/storage/open-deadline.ts.

/** How long any IndexedDB open may take before Gatehouse goes on without storage. */
export const STORAGE_OPEN_DEADLINE_MS = 3_000;
