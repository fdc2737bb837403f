// Test controls under /_emulator/: request log, faults, clock, reset, delayed checkouts,
// and the log of reported entitlement checks. Not counted and never faulted.
import type { Lookup } from './domain/lookup';
import { parseFaults, type Faults } from './faults';
import { buildSubscription, type EstimateInput } from './graphql/resolvers';
import type { RequestLog } from './requestLog';
import type { Store } from './state';

export interface ControlDeps {
  store: Store;
  lookup: Lookup;
  log: RequestLog;
  faults: { current: Faults };
}

export interface ControlResult {
  status: number;
  body?: unknown;
}

type Handler = (deps: ControlDeps, body: unknown) => ControlResult;

const routes: Record<string, Handler> = {
  'GET /_emulator/requests': ({ log }) => ({ status: 200, body: log.snapshot() }),
  'DELETE /_emulator/requests': ({ log }) => {
    log.clear();
    return { status: 204 };
  },
  'GET /_emulator/faults': ({ faults }) => ({ status: 200, body: faults.current }),
  'PUT /_emulator/faults': ({ faults }, body) => {
    faults.current = parseFaults(body);
    return { status: 200, body: faults.current };
  },
  'DELETE /_emulator/faults': ({ faults }) => {
    faults.current = {};
    return { status: 204 };
  },
  'GET /_emulator/clock': ({ store }) => ({ status: 200, body: clock(store) }),
  'PUT /_emulator/clock': ({ store }, body) => {
    const offsetMs = (body as { offsetMs?: unknown } | null)?.offsetMs;
    if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) throw new Error('offsetMs must be a finite number');
    store.setClockOffset(offsetMs);
    return { status: 200, body: clock(store) };
  },
  'POST /_emulator/reset': ({ store }) => {
    store.reset();
    return { status: 204 };
  },
  'GET /_emulator/entitlement-checks': ({ store }) => ({ status: 200, body: { checks: store.checks } }),
  'DELETE /_emulator/entitlement-checks': ({ store }) => {
    store.checks.length = 0;
    return { status: 204 };
  },
  'POST /_emulator/checkouts': ({ store, lookup }, body) => {
    const input = body as EstimateInput & { delayMs?: number };
    if (!input || typeof input.customerId !== 'string' || typeof input.planId !== 'string') {
      throw new Error('A checkout needs customerId and planId');
    }
    const delayMs = input.delayMs ?? 2000;
    const sub = buildSubscription({ store, lookup }, input);
    store.update((d) => d.pendingCheckouts.push({ subscription: sub, completesAt: Date.now() + delayMs }));
    const params = new URLSearchParams({ checkoutCompleted: 'true', subscriptionId: sub.id });
    if (sub.resourceId) params.set('resourceId', sub.resourceId);
    return { status: 201, body: { subscriptionId: sub.id, completesAt: new Date(Date.now() + delayMs).toISOString(), successUrlQuery: `?${params}` } };
  },
};

function clock(store: Store) {
  return { offsetMs: store.data.clockOffsetMs, now: new Date(store.now()).toISOString() };
}

export function isControlPath(path: string): boolean {
  return path.startsWith('/_emulator/');
}

export function handleControl(deps: ControlDeps, method: string, path: string, body: unknown): ControlResult {
  const handler = routes[`${method} ${path}`];
  if (!handler) return { status: 404, body: { error: `No control ${method} ${path}`, controls: Object.keys(routes) } };
  try {
    return handler(deps, body);
  } catch (e) {
    return { status: 400, body: { error: (e as Error).message } };
  }
}
