import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY as policy,
  NO_FAILURES,
  afterFailure,
  backoffDelay,
  classifyStatus,
  isCircuitOpen,
  isDue,
  mayRequest,
  parseRetryAfter,
} from './sync-policy';

describe('sync policy', () => {
  it('classifies statuses: 4xx other than 408/429 are not retried', () => {
    expect([200, 304, 400, 401, 404, 408, 429, 500, 503].map(classifyStatus)).toEqual([
      'ok',
      'ok',
      'permanent',
      'permanent',
      'permanent',
      'transient',
      'throttled',
      'transient',
      'throttled',
    ]);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('backoff is jittered within an exponentially growing, capped ceiling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (failures, random) => {
        const delay = backoffDelay(failures, policy, random);
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
    expect(backoffDelay(3, policy, 1)).toBe(4000);
    expect(backoffDelay(30, policy, 1)).toBe(policy.maxDelayMs);
  });

  it('opens the circuit after repeated failures and lets a probe through after the cooldown', () => {
    let state = NO_FAILURES;
    for (let i = 0; i < policy.breakerThreshold; i += 1) state = afterFailure(state, { kind: 'transient', now: 1000, random: 1 });
    expect(isCircuitOpen(state)).toBe(true);
    expect(mayRequest(state, 1000 + policy.breakerCooldownMs - 1)).toBe(false);
    expect(mayRequest(state, 1000 + policy.breakerCooldownMs)).toBe(true);
  });

  it('never waits longer than the polling interval of its own accord, but honours Retry-After in full', () => {
    let state = NO_FAILURES;
    for (let i = 0; i < policy.breakerThreshold; i += 1) state = afterFailure(state, { kind: 'transient', now: 0, random: 1, intervalMs: 3_000 });
    expect(isCircuitOpen(state)).toBe(true);
    expect(state.retryAt).toBe(3_000);
    expect(afterFailure(NO_FAILURES, { kind: 'throttled', now: 0, random: 1, retryAfterMs: 20_000, intervalMs: 3_000 }).retryAt).toBe(20_000);
  });

  it('honours Retry-After when it asks for longer than the backoff', () => {
    const state = afterFailure(NO_FAILURES, { kind: 'throttled', now: 0, retryAfterMs: 20_000, random: 0 });
    expect(state.retryAt).toBe(20_000);
    expect(mayRequest(state, 19_999)).toBe(false);
  });

  it('is due once the interval has passed', () => {
    expect(isDue(undefined, 30_000, 0)).toBe(true);
    expect(isDue(1000, 30_000, 30_999)).toBe(false);
    expect(isDue(1000, 30_000, 31_000)).toBe(true);
  });
});
