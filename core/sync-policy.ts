// When to fetch, when to retry, when to stop trying: the network etiquette of the
// engine as pure functions over plain state. The engine supplies the clock and the
// random source, so every rule here is deterministic under test.

export interface RetryPolicy {
  /** First retry delay. */
  baseDelayMs: number;
  /** Upper bound of any computed delay. */
  maxDelayMs: number;
  /** Consecutive failures that open the circuit. */
  breakerThreshold: number;
  /** How long an open circuit refuses requests before letting one probe through. */
  breakerCooldownMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  breakerThreshold: 5,
  breakerCooldownMs: 60_000,
};

/** Per-partition memory of recent failures. */
export interface FailureState {
  consecutiveFailures: number;
  /** Epoch ms before which no request may be sent (backoff, Retry-After or open circuit). */
  retryAt: number;
}

export const NO_FAILURES: FailureState = { consecutiveFailures: 0, retryAt: 0 };

export type FailureKind =
  /** Network error, timeout, 5xx, 408: worth retrying after a backoff. */
  | 'transient'
  /** 429 or 503 with a Retry-After the server asked us to honour. */
  | 'throttled'
  /** Any other 4xx: retrying the same request cannot help. */
  | 'permanent';

export function classifyStatus(status: number): FailureKind | 'ok' {
  if (status >= 200 && status < 400) return 'ok';
  if (status === 429 || status === 503) return 'throttled';
  if (status === 408 || status >= 500) return 'transient';
  return 'permanent';
}

/** Retry-After as seconds or an HTTP date, to milliseconds from `now`; null when absent or junk. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** "Full jitter" exponential backoff: uniform in [0, min(max, base·2^(n-1))]. */
export function backoffDelay(failures: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * Math.min(Math.max(random, 0), 1));
}

export interface FailureInput {
  kind: FailureKind;
  now: number;
  /** Milliseconds the server asked us to wait, when it did. */
  retryAfterMs?: number | null;
  random: number;
  /**
   * The polling interval, when there is one. Our own waits (backoff, open circuit) never
   * exceed it: an open circuit then sends one probe per interval, no more than normal
   * polling, and a recovered server is noticed within one interval.
   */
  intervalMs?: number | undefined;
}

export function afterFailure(state: FailureState, input: FailureInput, policy = DEFAULT_RETRY_POLICY): FailureState {
  const failures = state.consecutiveFailures + 1;
  const cap = input.intervalMs ?? Number.POSITIVE_INFINITY;
  // A server's Retry-After is honoured in full, up to ten cooldowns.
  const serverAsked = Math.min(input.retryAfterMs ?? 0, policy.breakerCooldownMs * 10);
  const ownWait = failures >= policy.breakerThreshold ? policy.breakerCooldownMs : backoffDelay(failures, policy, input.random);
  return { consecutiveFailures: failures, retryAt: input.now + Math.max(Math.min(ownWait, cap), serverAsked) };
}

export function isCircuitOpen(state: FailureState, policy = DEFAULT_RETRY_POLICY): boolean {
  return state.consecutiveFailures >= policy.breakerThreshold;
}

/** Whether a request may be sent now. An open circuit lets one probe through after its cooldown. */
export function mayRequest(state: FailureState, now: number): boolean {
  return now >= state.retryAt;
}

/** Whether data fetched at `fetchedAt` is due for a refresh under a `ttlMs` interval. */
export function isDue(fetchedAt: number | undefined, ttlMs: number, now: number): boolean {
  return fetchedAt === undefined || now - fetchedAt >= ttlMs;
}
