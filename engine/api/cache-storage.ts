// How the executor hands its storage to graphcache: secrets never written, and a signal
// for when the cache has rehydrated.
import type { SerializedEntries, StorageAdapter } from '@urql/exchange-graphcache';

/**
 * Fields never written to storage: secrets (a payment intent's or setup's client secret)
 * and payment and billing-portal URLs, which act as bearer links to a customer's billing.
 * docs/compat.md lists them (offline answers carry null there).
 */
export const UNSTORED_FIELDS: readonly string[] = ['paymentSecret', 'setupSecret', 'paymentUrl', 'pdfUrl', 'billingPortalUrl', 'billingLinkUrl'];

// Graphcache persists each field as `<entity key>.<field key>`, dots in the entity key escaped.
const fieldKeyOf = (entryKey: string) => entryKey.slice(entryKey.indexOf('.') + 1);

/**
 * Those fields' values are written as null, so no storage adapter ever sees them; the
 * running cache keeps the real value in memory for online answers.
 */
export function withoutSecrets(storage: StorageAdapter): StorageAdapter {
  const writeData = (delta: SerializedEntries) => {
    const redacted: SerializedEntries = {};
    for (const [key, value] of Object.entries(delta)) {
      redacted[key] = value !== undefined && UNSTORED_FIELDS.includes(fieldKeyOf(key)) ? 'null' : value;
    }
    return storage.writeData(redacted);
  };
  return { ...storage, writeData };
}

/**
 * Graphcache stores nothing it is given while it rehydrates, and answers nothing from
 * storage before: `hydrated` resolves once it has (the storage's own reads never fail).
 */
export function signallingHydration(storage: StorageAdapter): { storage: StorageAdapter; hydrated: Promise<void> } {
  let markHydrated!: () => void;
  const hydrated = new Promise<void>((resolve) => (markHydrated = resolve));
  const onCacheHydrated = () => {
    storage.onCacheHydrated?.();
    markHydrated();
  };
  return { storage: { ...storage, onCacheHydrated }, hydrated };
}
