// A first visit's edge answer read on the page, as the engine reads its own (core/wire),
// for an answer small enough that the metering worker would cost more than it saves;
// loaded while that request is in flight so it is not part of the code the page loads up front.
import type { PrefetchedEntitlements } from '../core/protocol';
import type { EntitlementSnapshot } from '../core/model';
import { snapshotFromBytes } from '../engine/transport/answer-body';

/** The answer's snapshot; null when its body is not an entitlements answer. */
export function snapshotOf(answer: PrefetchedEntitlements): EntitlementSnapshot | null {
  return snapshotFromBytes(answer.body, answer.receivedAt);
}
