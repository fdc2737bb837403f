// Graphcache persists each field as `<entity key>.<field key>` (dots in the entity key
// escaped): a secret field's value is written as null, so no storage adapter ever sees
// it. The running cache keeps the real value in memory for online answers.
import type { SerializedEntries, StorageAdapter } from '@urql/exchange-graphcache';

/** Fields whose values are secrets (a payment intent's client secret): never written to storage. */
const SECRET_FIELDS: readonly string[] = ['paymentSecret'];

const fieldKeyOf = (entryKey: string) => entryKey.slice(entryKey.indexOf('.') + 1);

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
