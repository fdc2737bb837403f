// Everything the origin keeps, as one JSON text: every IndexedDB database and store (keys
// and values, binary ones as text), every Cache Storage entry (URL and body) and
// localStorage. The field tests search it for what must never be there.
import type { Page } from '@playwright/test';

export function dumpOrigin(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const settle = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const dump: { indexedDB: Record<string, unknown>; caches: Record<string, string>; localStorage: Record<string, string | null> } = {
      indexedDB: {},
      caches: {},
      localStorage: {},
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await settle(indexedDB.open(name));
      for (const store of Array.from(db.objectStoreNames)) {
        const objects = db.transaction(store).objectStore(store);
        const [keys, values] = await Promise.all([settle(objects.getAllKeys()), settle(objects.getAll())]);
        dump.indexedDB[`${name}/${store}`] = keys.map((key, i) => [key, values[i]]);
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        dump.caches[`${name} ${request.url}`] = response ? await response.text() : '';
      }
    }
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      dump.localStorage[key] = localStorage.getItem(key);
    }
    // Binary values (packed entitlements) as text, one byte and two bytes a character,
    // so what they hold can be searched like the rest.
    const asText = (bytes: Uint8Array, wide: boolean) => {
      let text = '';
      const step = wide ? 2 : 1;
      for (let i = 0; i + step <= bytes.length; i += step) text += String.fromCharCode(wide ? bytes[i]! | (bytes[i + 1]! << 8) : bytes[i]!);
      return text;
    };
    return JSON.stringify(
      dump,
      (_key, value: unknown) => {
        if (!(value instanceof ArrayBuffer)) return value;
        const bytes = new Uint8Array(value);
        return { binary: [asText(bytes, false), asText(bytes, true)] };
      },
      1,
    );
  });
}
