// Everything the origin keeps, as one JSON text: every IndexedDB database and store (keys
// and values), every Cache Storage entry (URL and body) and localStorage. The field
// tests search it for what must never be there.
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
    return JSON.stringify(dump, null, 1);
  });
}
