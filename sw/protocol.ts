// Messages between a page and Gatehouse's service worker. Anything a page posts is
// untrusted: it is parsed here and dropped unless it is exactly a known message.
import { MAX_LOADED_ASSETS } from '../core/loaded-assets';

export interface PingMessage {
  type: 'gatehouse:ping';
}

export interface PongMessage {
  type: 'gatehouse:pong';
  version: string;
}

/** Assets the page loaded before the worker controlled it, for the app shell to cache. */
export interface CacheAssetsMessage {
  type: 'gatehouse:cache-assets';
  urls: string[];
}

export type PageToWorkerMessage = PingMessage | CacheAssetsMessage;
export type WorkerToPageMessage = PongMessage;

export function parsePageMessage(data: unknown): PageToWorkerMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type } = data as { type?: unknown };
  if (type === 'gatehouse:ping') return { type };
  if (type === 'gatehouse:cache-assets') {
    const { urls } = data as { urls?: unknown };
    if (!Array.isArray(urls) || urls.length > MAX_LOADED_ASSETS || !urls.every((url) => typeof url === 'string')) return null;
    return { type, urls: [...(urls as string[])] };
  }
  return null;
}

export function isPongMessage(data: unknown): data is PongMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, version } = data as { type?: unknown; version?: unknown };
  return type === 'gatehouse:pong' && typeof version === 'string';
}
