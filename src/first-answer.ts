// A first visit's edge answer read as the engine reads its own (core/wire), loaded while
// that request is in flight so it is not part of the code the page loads up front.
import type { PrefetchedEntitlements } from '../core/protocol';
import type { EntitlementSnapshot } from '../core/model';
import { entitlementsFromText, toSnapshot } from '../core/wire';

/** The answer's snapshot; null when its body is not an entitlements answer. */
export function snapshotOf(answer: PrefetchedEntitlements): EntitlementSnapshot | null {
  const list = entitlementsFromText(answer.text);
  return list ? toSnapshot(list, answer.receivedAt) : null;
}
