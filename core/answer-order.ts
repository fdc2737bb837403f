// The ordering guard, on the server's clock only. An entitlements answer older than the
// stored one (a lagging edge cache) is dropped; but a stored stamp is trusted only while
// the server itself can vouch for it: a stamp beyond the server's own now (its `Date`
// header) plus a tolerance came from a clock that was wrong, and outranks nothing. So one
// future-stamped answer (a server clock an hour ahead, or a year-2099 stamp) cannot
// freeze a customer's entitlements: the next answer replaces it.

/** How far a stamp may lead the server's `Date` (1 s resolution, edge caches, replicas). */
export const FUTURE_STAMP_TOLERANCE_MS = 60_000;

/** A larger offset than this between device and server is taken as a bad `Date` header, not a clock. */
export const MAX_SERVER_OFFSET_MS = 7 * 24 * 60 * 60_000;

/** The server's clock minus the device's, from an answer's `Date`; undefined without a plausible one. */
export function serverOffsetOf(serverTime: number | undefined, receivedAt: number): number | undefined {
  if (serverTime === undefined || !Number.isFinite(serverTime) || !Number.isFinite(receivedAt)) return undefined;
  const offset = serverTime - receivedAt;
  return Math.abs(offset) <= MAX_SERVER_OFFSET_MS ? offset : undefined;
}

/**
 * Whether an arriving answer must be dropped as older than the stored one. `serverNow`
 * is the server's time at arrival: its `Date` header, else the device's time corrected
 * by the last known offset.
 */
export function isOutdatedAnswer(storedLastUpdate: number, arrivingLastUpdate: number, serverNow: number): boolean {
  if (arrivingLastUpdate >= storedLastUpdate) return false;
  return storedLastUpdate <= serverNow + FUTURE_STAMP_TOLERANCE_MS;
}
