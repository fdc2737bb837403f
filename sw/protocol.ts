// Messages between a page and Gatehouse's service worker. Anything a page posts is
// untrusted: it is parsed here and dropped unless it is exactly a known message.

export interface PingMessage {
  type: 'gatehouse:ping';
}

export interface PongMessage {
  type: 'gatehouse:pong';
  version: string;
}

export type PageToWorkerMessage = PingMessage;
export type WorkerToPageMessage = PongMessage;

export function parsePageMessage(data: unknown): PageToWorkerMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type } = data as { type?: unknown };
  if (type === 'gatehouse:ping') return { type };
  return null;
}

export function isPongMessage(data: unknown): data is PongMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, version } = data as { type?: unknown; version?: unknown };
  return type === 'gatehouse:pong' && typeof version === 'string';
}
