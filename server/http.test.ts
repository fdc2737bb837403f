// The HTTP surface: edge GETs with ETags, CORS, the test controls and fault injection.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index';
import { CLIENT_KEY, control, sdkOp } from './testing/client';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await control(emu.url, 'DELETE', 'faults');
  await control(emu.url, 'DELETE', 'requests');
});

const edge = (path: string, headers: Record<string, string> = {}) => fetch(`${emu.url}${path}`, { headers: { 'X-API-KEY': CLIENT_KEY, 'X-API-VERSION': '1', ...headers } });

describe('edge', () => {
  it('serves the GraphQL shapes and answers If-None-Match with 304', async () => {
    const r = await edge('/v1/c/customer-demo-01/entitlements.json');
    const etag = r.headers.get('etag')!;
    const body = (await r.json()) as any;
    const gqlBody = await sdkOp(emu.url, 'GetEntitlements', { query: { customerId: 'customer-demo-01' } });
    expect(body.data.entitlements.map((e: any) => [e.feature.refId, e.usageLimit])).toEqual(gqlBody.data.entitlements.map((e: any) => [e.feature.refId, e.usageLimit]));
    const again = await edge('/v1/c/customer-demo-01/entitlements.json', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await control(emu.url, 'GET', 'requests')).toMatchObject({ counts: { 'GET /v1/c/customer-demo-01/entitlements.json': 2 } });
  });

  it('serves config, resource-scoped entitlements, subscriptions and product paywalls', async () => {
    expect(((await (await edge('/v1/config/client-sdk-configuration.json')).json()) as any).data.sdkConfiguration).toMatchObject({ isWidgetWatermarkEnabled: false });
    const scoped = (await (await edge('/v1/c/customer-demo-01/entitlements.json?resourceId=resource-01')).json()) as any;
    expect(scoped.data.entitlements.some((e: any) => e.feature.refId === 'feature-demo-04')).toBe(true);
    const subs = (await (await edge('/v1/c/customer-demo-01/subscriptions.json?resourceIds=resource-01&resourceIds=resource-02')).json()) as any;
    expect(subs.data.getActiveSubscriptions).toEqual([expect.objectContaining({ subscriptionId: 'subscription-plan-stigg-team-resource-01', plan: expect.objectContaining({ planId: 'plan-stigg-team' }) })]);
    const paywall = (await (await edge('/v1/p/product-stigg/paywall.json?billingCountryCode=DE&includeHiddenPlans=true')).json()) as any;
    expect(paywall.data.paywall.plans.map((p: any) => p.refId)).toContain('plan-stigg-payg');
    expect((await edge('/v1/c/customer-demo-01/entitlements.json', { 'X-API-KEY': 'bad' })).status).toBe(401);
  });

  it('allows cross-origin pages', async () => {
    const pre = await fetch(`${emu.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/X-CUSTOMER-KEY/);
    const r = await edge('/v1/config/client-sdk-configuration.json', { origin: 'http://localhost:5173' });
    expect(r.headers.get('access-control-expose-headers')).toMatch(/ETag/);
  });
});

describe('faults', () => {
  it('injects an error status with Retry-After, scoped, and never on controls', async () => {
    await control(emu.url, 'PUT', 'faults', { errorStatus: 503, retryAfterSeconds: 7, scope: 'edge' });
    const r = await edge('/v1/config/client-sdk-configuration.json');
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('7');
    expect((await sdkOp(emu.url, 'GetSdkConfiguration', {})).status).toBe(200);
    expect(await control(emu.url, 'GET', 'requests')).toEqual({ total: 2, counts: { 'GET /v1/config/client-sdk-configuration.json': 1, GetSdkConfiguration: 1 } });
  });

  it('adds latency, drops connections, and clears', async () => {
    await control(emu.url, 'PUT', 'faults', { latencyMs: 150 });
    const t0 = Date.now();
    await edge('/v1/config/client-sdk-configuration.json');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    await control(emu.url, 'PUT', 'faults', { dropConnections: true });
    await expect(edge('/v1/config/client-sdk-configuration.json')).rejects.toThrow();
    await control(emu.url, 'DELETE', 'faults');
    expect((await edge('/v1/config/client-sdk-configuration.json')).status).toBe(200);
  });

  it('fails at the given rate and rejects invalid settings', async () => {
    await control(emu.url, 'PUT', 'faults', { failureRate: 0 });
    expect((await edge('/v1/config/client-sdk-configuration.json')).status).toBe(200);
    await control(emu.url, 'PUT', 'faults', { failureRate: 1 });
    expect((await edge('/v1/config/client-sdk-configuration.json')).status).toBe(503);
    const bad = await fetch(`${emu.url}/_emulator/faults`, { method: 'PUT', body: JSON.stringify({ errorStatus: 42 }) });
    expect(bad.status).toBe(400);
  });
});

describe('controls', () => {
  it('provisions a checkout after its delay', async () => {
    const c = await control(emu.url, 'POST', 'checkouts', { customerId: 'customer-demo-02', planId: 'plan-stigg-pro', delayMs: 200 });
    expect(c.successUrlQuery).toContain(`subscriptionId=${c.subscriptionId}`);
    const ids = async () => (await sdkOp(emu.url, 'GetActiveSubscriptions', { input: { customerId: 'customer-demo-02' } })).data.getActiveSubscriptions.map((s: any) => s.id);
    expect(await ids()).not.toContain(c.subscriptionId);
    await new Promise((r) => setTimeout(r, 250));
    expect(await ids()).toEqual([c.subscriptionId]);
    await control(emu.url, 'POST', 'reset');
    expect(await ids()).toEqual(['subscription-plan-stigg-starter-b7c2']);
  });

  it('reports the clock and 404s unknown controls', async () => {
    const clock = await control(emu.url, 'PUT', 'clock', { offsetMs: 86_400_000 });
    expect(Date.parse(clock.now) - Date.now()).toBeGreaterThan(86_000_000);
    // Every answer's Date header follows the emulated clock, and CORS exposes it.
    const answer = await fetch(`${emu.url}/graphql`, { method: 'OPTIONS' });
    expect(Date.parse(answer.headers.get('date')!) - Date.now()).toBeGreaterThan(86_000_000);
    expect(answer.headers.get('access-control-expose-headers')).toMatch(/\bDate\b/);
    await control(emu.url, 'PUT', 'clock', { offsetMs: 0 });
    expect((await fetch(`${emu.url}/_emulator/nope`)).status).toBe(404);
  });
});

describe('entitlement check reports', () => {
  it('logs a report resent with the same idempotency key once', async () => {
    await control(emu.url, 'DELETE', 'entitlement-checks');
    const report = (key: string) => ({
      operationName: 'ReportEntitlementCheckRequested',
      query: 'mutation ReportEntitlementCheckRequested($check: EntitlementCheckRequested!) { reportEntitlementCheckRequested(entitlementCheckRequested: $check) }',
      variables: { check: { customerId: 'customer-demo-01', featureId: 'feature-demo-02', entitlementCheckResult: { hasAccess: true } } },
      extensions: { idempotencyKey: key },
    });
    const send = (batch: unknown[]) =>
      fetch(`${emu.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-API-KEY': CLIENT_KEY }, body: JSON.stringify(batch) });
    expect((await send([report('a'), report('b')])).status).toBe(200);
    expect((await send([report('a'), report('b'), report('c')])).status).toBe(200);
    const { checks } = (await control(emu.url, 'GET', 'entitlement-checks')) as { checks: { idempotencyKey?: string }[] };
    expect(checks.map((c) => c.idempotencyKey)).toEqual(['a', 'b', 'c']);
  });
});
