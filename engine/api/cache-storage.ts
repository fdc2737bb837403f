// How the executor hands its storage to graphcache: secrets never written, and a signal
// for when the cache has rehydrated.
import type { SerializedEntries, StorageAdapter } from '@urql/exchange-graphcache';

/** Fields whose values are secrets (a payment intent's client secret): never written to storage. */
const SECRET_FIELDS: readonly string[] = ['paymentSecret'];

// Graphcache persists each field as `<entity key>.<field key>`, dots in the entity key escaped.
const fieldKeyOf = (entryKey: string) => entryKey.slice(entryKey.indexOf('.') + 1);

/**
 * Secret fields' values are written as null, so no storage adapter ever sees them; the
 * running cache keeps the real value in memory for online answers.
 */
export function withoutSecrets(storage: StorageAdapter): StorageAdapter {
  const writeData = (delta: SerializedEntries) => {
    const redacted: SerializedEntries = {};
    for (const [key, value] of Object.entries(delta)) {
      redacted[key] = value !== undefined && SECRET_FIELDS.includes(fieldKeyOf(key)) ? 'null' : value;
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
