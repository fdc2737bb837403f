// Rendering on a server (Node, no `window`): the client makes no request, starts no
// engine, worker or service worker, and answers from the bootstrap, else from fallbacks.
import type { EngineHandle } from './client';

/** True where there is no browser page (server rendering, tests in Node). */
export const isServerSide = (): boolean => typeof window === 'undefined' || typeof document === 'undefined';

/** An engine that never connects: nothing is requested, nothing waits on a timer. */
export const noEngine = (): Promise<EngineHandle> => new Promise<EngineHandle>(() => undefined);
