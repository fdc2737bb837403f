// What every bench page exposes as `window.bench`, whichever SDK it runs: the first real
// answer's time, watchers for a value to appear, long tasks, a getter loop. Both SDKs
// share the Stigg page API, so one probe serves both.

/** The part of the Stigg client API the bench uses; both SDKs have it. */
export interface BenchClient {
  getMeteredEntitlement(params: { featureId: string }): {
    isFallback: boolean;
    hasAccess: boolean;
    currentUsage?: number | null;
    usageLimit?: number | null;
  };
  refresh(): Promise<void>;
  waitForInitialization(): Promise<unknown>;
  addListener(event: 'entitlementsUpdated', listener: () => void): void;
}

export interface BenchParams {
  emulator: string;
  customerId: string;
  featureId: string;
  cacheTtlMs: number | undefined;
  /** Read the getter every this many ms (as an app that renders often does); 0 = not. */
  readEveryMs: number;
}

export type MeteredField = 'currentUsage' | 'usageLimit';

export interface LongTask {
  startTime: number;
  duration: number;
}

export interface BenchPage {
  sdk: 'gatehouse' | 'official';
  params: BenchParams;
  client: BenchClient;
  /** performance.now() (ms since navigation start) of the first non-fallback answer, or null. */
  firstRealAt: number | null;
  /** Resolves with Date.now() when the feature's field first equals value, or null after timeoutMs. */
  waitFor(featureId: string, field: MeteredField, value: number, timeoutMs: number): Promise<number | null>;
  longTasks: LongTask[];
  /** Getter calls per second over a loop of durationMs. */
  getterOpsPerSec(durationMs: number): number;
}

declare global {
  interface Window {
    bench: BenchPage;
  }
}

export const POLL_MS = 4;

export function readParams(): BenchParams {
  const query = new URLSearchParams(location.search);
  const ttl = query.get('cacheTtlMs');
  return {
    emulator: query.get('emulator') ?? 'http://127.0.0.1:3060',
    customerId: query.get('customerId') ?? 'customer-demo-01',
    featureId: query.get('featureId') ?? 'feature-demo-03',
    cacheTtlMs: ttl ? Number(ttl) : undefined,
    readEveryMs: Number(query.get('readEveryMs') ?? 0),
  };
}

const silentLogger = { log() {}, error() {}, warn() {}, debug() {}, info() {} };

/** The one configuration both SDKs are initialized with, so they are measured alike. */
export function benchConfiguration(params: BenchParams) {
  return {
    apiKey: 'client-demo-key',
    baseUri: params.emulator,
    baseEdgeUri: params.emulator,
    customerId: params.customerId,
    ...(params.cacheTtlMs ? { cacheTtlMs: params.cacheTtlMs } : {}),
    logConfiguration: { logger: silentLogger, logLevel: 'NONE' as const },
  };
}

/** Installs `window.bench` for a client just initialized. */
export function installProbe(sdk: BenchPage['sdk'], params: BenchParams, client: BenchClient): BenchPage {
  const longTasks: LongTask[] = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ startTime: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser
  }

  // Checks run on every update event and on a short poll, whichever comes first.
  const checks = new Set<() => void>();
  const runChecks = () => checks.forEach((check) => check());
  client.addListener('entitlementsUpdated', () => queueMicrotask(runChecks));
  setInterval(runChecks, POLL_MS);

  const read = (featureId: string) => {
    try {
      return client.getMeteredEntitlement({ featureId });
    } catch {
      return null;
    }
  };

  const page: BenchPage = {
    sdk,
    params,
    client,
    firstRealAt: null,
    longTasks,
    waitFor(featureId, field, value, timeoutMs) {
      return new Promise((resolve) => {
        const check = () => {
          const answer = read(featureId);
          if (answer && !answer.isFallback && answer[field] === value) finish(Date.now());
        };
        const finish = (at: number | null) => {
          checks.delete(check);
          clearTimeout(timer);
          resolve(at);
        };
        const timer = setTimeout(() => finish(null), timeoutMs);
        checks.add(check);
        check();
      });
    },
    getterOpsPerSec(durationMs) {
      let calls = 0;
      let granted = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < durationMs) {
        for (let i = 0; i < 1_000; i += 1) if (client.getMeteredEntitlement({ featureId: params.featureId }).hasAccess) granted += 1;
        calls += 1_000;
        elapsed = performance.now() - start;
      }
      return granted >= 0 ? (calls * 1_000) / elapsed : 0;
    },
  };

  const firstReal = () => {
    const answer = read(params.featureId);
    if (page.firstRealAt === null && answer && !answer.isFallback) {
      page.firstRealAt = performance.now();
      checks.delete(firstReal);
    }
  };
  checks.add(firstReal);
  firstReal();
  if (params.readEveryMs > 0) setInterval(() => read(params.featureId), params.readEveryMs);
  window.bench = page;
  return page;
}
