// An entitlements answer's body as it came over the wire (bytes), read as the engine reads
// its own answers (core/wire.ts). One reader for the three hosts that get a first visit's
// answer: the page (a small answer), the metering worker (a large one, off the main
// thread) and the engine (the page's hand-over). Never throws.
import type { EntitlementSnapshot } from '../../core/model';
import { entitlementsFromText, toSnapshot } from '../../core/wire';

/** The entitlement list in an answer body; null when it is not an entitlements answer (a detached buffer reads as empty). */
export function entitlementsFromBytes(body: ArrayBuffer): unknown[] | null {
  return entitlementsFromText(new TextDecoder().decode(body));
}

/** The answer's snapshot; null when its body is not an entitlements answer. */
export function snapshotFromBytes(body: ArrayBuffer, receivedAt: number): EntitlementSnapshot | null {
  const list = entitlementsFromBytes(body);
  return list ? toSnapshot(list, receivedAt) : null;
}

/**
 * The ArrayBuffers a snapshot holds at its top level (its packed entitlements, where it
 * has them), to transfer rather than copy when it crosses to another host.
 */
export function buffersOf(snapshot: EntitlementSnapshot | null): ArrayBuffer[] {
  return snapshot ? Object.values(snapshot).filter((value): value is ArrayBuffer => value instanceof ArrayBuffer) : [];
}
