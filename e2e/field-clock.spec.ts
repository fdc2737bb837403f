// Limits in the field, whatever the device clock says (issue 14 §1): real Chromium, the
// real service worker and IndexedDB, against the emulator. The device and the server
// disagree because the emulator's clock is moved (PUT /_emulator/clock, its Date header
// follows): a server N ahead is a device N behind.
import type { Page } from '@playwright/test';
import type {} from '../demo/globals';
import { expect, openDemo, test } from './fixtures';

const CUSTOMER = 'customer-demo-01';
const FEATURE = 'feature-demo-03'; // limit 2, monthly
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const usage = (page: Page) => page.evaluate((featureId) => window.stigg.getMeteredEntitlement({ featureId }).currentUsage, FEATURE);
const recordOne = (page: Page) =>
  page.evaluate((featureId) => window.stigg.recordUsage({ featureId, value: 1 }).then(() => 'recorded', () => 'refused'), FEATURE);
const refresh = (page: Page) => page.evaluate(() => window.stigg.refresh());

for (const [deviceClock, serverOffsetMs] of [
  ['5 min behind', 5 * MINUTE],
  ['5 min ahead', -5 * MINUTE],
  ['a day behind', DAY],
  ['a day ahead', -DAY],
] as const) {
  test(`device clock ${deviceClock} the server's: local usage never exceeds the limit and is counted once`, async ({ page, context, emulator }) => {
    await emulator.control('clock', 'PUT', { offsetMs: serverOffsetMs });
    await emulator.setUsage(CUSTOMER, FEATURE, 0);
    await openDemo(page, emulator);
    await refresh(page);
    expect(await usage(page)).toBe(0);

    // A unit used here, then reported by the app's backend: counted once, not twice.
    expect(await recordOne(page)).toBe('recorded');
    expect(await usage(page)).toBe(1);
    await emulator.setUsage(CUSTOMER, FEATURE, 1);
    await refresh(page);
    expect(await usage(page)).toBe(1);

    // Offline: only the one unit left is taken, and it shows.
    await context.setOffline(true);
    const outcomes = [];
    for (let i = 0; i < 4; i += 1) outcomes.push(await recordOne(page));
    expect(outcomes).toEqual(['recorded', 'refused', 'refused', 'refused']);
    expect(await usage(page)).toBe(2);

    // Back online before the backend reported it: still counted (once), across a reload.
    await context.setOffline(false);
    await refresh(page);
    expect(await usage(page)).toBe(2);
    await page.reload();
    await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
    expect(await usage(page)).toBe(2);
    expect(await recordOne(page)).toBe('refused');

    // The backend reports it: the server's figure takes over, no double count.
    await emulator.setUsage(CUSTOMER, FEATURE, 2);
    await refresh(page);
    expect(await usage(page)).toBe(2);
    expect(await page.evaluate((featureId) => window.stigg.getEntitlementProvenance({ featureId }).source, FEATURE)).not.toBe('local-usage');

    // A real change on the server (usage corrected down) shows within one sync.
    await emulator.setUsage(CUSTOMER, FEATURE, 0);
    await refresh(page);
    expect(await usage(page)).toBe(0);
    expect(await recordOne(page)).toBe('recorded');
    expect(await usage(page)).toBe(1);
  });
}

for (const [what, aheadMs] of [
  ['an hour ahead', 60 * MINUTE],
  ['in 2099', Date.parse('2099-06-01T00:00:00Z') - Date.now()],
] as const) {
  test(`an answer stamped ${what} (a wrong server clock, then corrected) does not freeze entitlements`, async ({ page, emulator }) => {
    await emulator.control('clock', 'PUT', { offsetMs: aheadMs });
    await emulator.setUsage(CUSTOMER, FEATURE, 0);
    await openDemo(page, emulator);
    await refresh(page);
    expect(await usage(page)).toBe(0);

    // The server's clock is corrected; usage then reaches the limit there.
    await emulator.control('clock', 'PUT', { offsetMs: 0 });
    await emulator.setUsage(CUSTOMER, FEATURE, 2);
    await refresh(page);
    expect(await usage(page)).toBe(2);
    expect(await recordOne(page)).toBe('refused');

    // And it stays so across a reload, and the next change shows too.
    await page.reload();
    await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
    expect(await usage(page)).toBe(2);
    await emulator.setUsage(CUSTOMER, FEATURE, 1);
    await refresh(page);
    expect(await usage(page)).toBe(1);
  });
}
