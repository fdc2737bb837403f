// The dashboard journeys, in Chromium against a production build with its real service
// worker: first visit, offline reload, usage up to the limit, a second tab, switching
// customer, checkout, and emulator faults. No test may leave an error in a page console.
import { card, cardAnswer, expect, FEATURES, openDashboard, test } from './dashboard.fixtures';

test('first visit: every feature answers live, with plans, account and the sync state', async ({ page, emulator }) => {
  await openDashboard(page, emulator);

  await expect(card(page, 'Feature #1')).toContainText('100 requests');
  await expect(card(page, 'Feature #2')).toContainText('Included in your plan');
  const feature3 = card(page, 'Feature #3');
  await expect(feature3.locator('.usage-text')).toHaveText('0 / 2 requests');
  await expect(feature3.locator('.reset')).toContainText('Resets');
  await expect(feature3.getByRole('meter')).toHaveAttribute('aria-valuetext', '0 / 2 requests');
  await expect(card(page, 'Seats').locator('.access')).toHaveText('Not in your plan');
  await expect(card(page, 'Extra storage')).toContainText('30 GB');
  for (const name of FEATURES) await expect(card(page, name).locator('.badge')).toHaveText('Live');

  await expect(page.locator('#sync-badge')).toHaveText('Online');
  await expect(page.locator('#sync-host')).toHaveText('service worker · IndexedDB');
  await expect(page.locator('#customer-summary')).toContainText('First customer');
  expect(await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }).isFallback)).toBe(false);

  const pro = page.getByRole('article', { name: 'Pro', exact: true });
  await expect(pro).toContainText('Current plan');
  await expect(pro).toContainText('$12.00 / month');
  await page.getByRole('radio', { name: 'Yearly' }).check();
  await expect(pro).toContainText('$120.00 / year');
  await expect(page.locator('#subscriptions')).toContainText('subscription-plan-stigg-pro-28a241');
  await expect(page.locator('#portal')).toContainText('Extra storage × 3');
  await expect(page.locator('#coupons')).toContainText('50% off for 3 months');

  await page.getByLabel('Plan', { exact: true }).selectOption({ label: 'Pro' });
  await page.getByLabel('Promotion code').fill('FIVEOFF');
  await page.getByRole('button', { name: 'Estimate' }).click();
  await expect(page.getByTestId('estimate-result')).toContainText('Total');
  await expect(page.getByTestId('estimate-result')).toContainText('$7.00');
});

test('offline, a reload gives the same answers from the cache', async ({ page, context, emulator }) => {
  await openDashboard(page, emulator);
  await expect(card(page, 'Feature #3').locator('.badge')).toHaveText('Live');
  const online = await Promise.all(FEATURES.map((name) => cardAnswer(page, name)));

  await context.setOffline(true);
  const reload = await page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => true));

  for (const [index, name] of FEATURES.entries()) {
    await expect(card(page, name).locator('.badge')).toHaveText(/^Cached · /);
    expect(await cardAnswer(page, name)).toBe(online[index]);
  }
  await expect(page.locator('#sync-badge')).toHaveText('Offline');
  const result = await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }));
  expect(result).toMatchObject({ isFallback: false, hasAccess: true, usageLimit: 2, currentUsage: 0 });
  await expect(card(page, 'Feature #3').getByRole('button', { name: 'Report 1 from backend' })).toBeDisabled();

  await context.setOffline(false);
  await expect(page.locator('#sync-badge')).not.toHaveText('Offline');
});

test('consuming usage up to the limit shows the upsell', async ({ page, emulator }) => {
  await openDashboard(page, emulator);
  const feature3 = card(page, 'Feature #3');

  // The app's backend reports one unit with the server key; the dashboard refreshes.
  await feature3.getByRole('button', { name: 'Report 1 from backend' }).click();
  await expect(feature3.locator('.usage-text')).toHaveText('1 / 2 requests');
  await expect(feature3.locator('.badge')).toHaveText('Live');

  // One more through the local-usage call: counted at once, before the server knows.
  await feature3.getByRole('button', { name: 'Use 1' }).click();
  await expect(feature3.locator('.usage-text')).toHaveText('2 / 2 requests');
  await expect(feature3.locator('.badge')).toHaveText('Local usage · +1');
  await expect(feature3.locator('.access')).toHaveText('Limit reached');
  await expect(feature3.getByRole('note')).toContainText('You have used all of Feature #3');
  await expect(feature3.getByRole('button', { name: 'Use 1' })).toBeDisabled();
  await expect(page.locator('#announcer')).toContainText('Used 1 of Feature #3 on this device');

  // The SDK itself refuses to record past the limit.
  const refused = await page.evaluate(() =>
    window.stigg.recordUsage({ featureId: 'feature-demo-03', value: 1 }).then(
      () => 'recorded',
      (error: Error) => error.message,
    ),
  );
  expect(refused).not.toBe('recorded');

  // The upsell leads to the plans.
  await feature3.getByRole('link', { name: 'Upgrade your plan' }).click();
  await expect(page.getByRole('button', { name: 'Choose Team' })).toBeInViewport();
});

test('a second tab sees usage recorded in the first at once', async ({ page, context, emulator }) => {
  await openDashboard(page, emulator);
  const second = await context.newPage();
  await openDashboard(second, emulator);
  await expect(card(second, 'Feature #3').locator('.usage-text')).toHaveText('0 / 2 requests');

  await card(page, 'Feature #3').getByRole('button', { name: 'Use 1' }).click();
  await expect(card(page, 'Feature #3').locator('.usage-text')).toHaveText('1 / 2 requests');
  await expect(card(second, 'Feature #3').locator('.usage-text')).toHaveText('1 / 2 requests', { timeout: 2_000 });
  await expect(card(second, 'Feature #3').locator('.badge')).toHaveText('Local usage · +1');
});

test('switching customer shows the other customer’s entitlements and plan', async ({ page, emulator }) => {
  await openDashboard(page, emulator);
  await expect(card(page, 'Feature #3').locator('.usage-text')).toHaveText('0 / 2 requests');

  await page.getByLabel('Customer', { exact: true }).selectOption('customer-demo-02');
  await page.getByRole('button', { name: 'Switch' }).click();

  await expect(page.locator('#customer-summary')).toContainText('Second customer');
  await expect(card(page, 'Feature #3').locator('.usage-text')).toHaveText('0 / 5 requests');
  await expect(card(page, 'Extra storage').locator('.access')).toHaveText('Not in your plan');
  await expect(page.getByRole('article', { name: 'Starter', exact: true })).toContainText('Current plan');
  expect(new URL(page.url()).searchParams.get('customerId')).toBe('customer-demo-02');

  // The choice survives a reload; resources can be picked too.
  await page.reload();
  await expect(page.getByLabel('Customer', { exact: true })).toHaveValue('customer-demo-02');
  await page.getByLabel('Customer', { exact: true }).selectOption('customer-demo-01');
  await page.getByLabel('Resource').selectOption('resource-01');
  await page.getByRole('button', { name: 'Switch' }).click();
  await expect(card(page, 'Seats').locator('.usage-text')).toHaveText(/\/ 3 seats$/);
  await expect(card(page, 'Feature #3').locator('.usage-text')).toHaveText('0 / 50 requests');
});

test('checkout runs to completion and the new plan’s entitlements apply', async ({ page, emulator }) => {
  await openDashboard(page, emulator);
  await page.getByRole('button', { name: 'Choose Team' }).click();

  const checkout = page.getByRole('region', { name: 'Checkout' });
  await expect(checkout).toContainText('Team, billed monthly');
  await expect(checkout).toContainText('Replaces');
  await checkout.getByLabel('Number of seats').fill('2');
  await checkout.getByRole('button', { name: 'Pay and subscribe to Team' }).click();

  await page.waitForURL(/checkoutCompleted=true/);
  await expect(checkout).toContainText(/Checkout complete: subscription .* is active\. You are on Team\./, { timeout: 20_000 });
  expect(new URL(page.url()).searchParams.has('checkoutCompleted')).toBe(false);
  await expect(card(page, 'Feature #3').locator('.usage-text')).toHaveText('0 / 50 requests');
  await expect(page.getByRole('article', { name: 'Team', exact: true })).toContainText('Current plan');
});

test('emulator faults show as a degraded state, and the dashboard recovers', async ({ page, emulator }) => {
  await openDashboard(page, emulator, { cacheTtlMs: '2000' });
  const before = await cardAnswer(page, 'Feature #3');

  const controls = page.getByRole('region', { name: 'Emulator controls' });
  await controls.getByLabel('Error status').selectOption('503');
  await controls.getByRole('button', { name: 'Apply faults' }).click();
  await expect(controls.locator('#faults-summary')).toHaveText('HTTP 503.');
  await page.getByRole('button', { name: 'Refresh now' }).click();

  await expect(page.locator('#sync-badge')).toHaveText('Degraded', { timeout: 10_000 });
  await expect(page.locator('#sync-detail')).toContainText('The API is failing');
  // The answers stay: the cached data is still real data.
  expect(await cardAnswer(page, 'Feature #3')).toBe(before);
  expect(await page.evaluate(() => window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }).isFallback)).toBe(false);

  await controls.getByRole('button', { name: 'Clear faults' }).click();
  await expect(controls.locator('#faults-summary')).toContainText('No faults');
  await expect(page.locator('#sync-badge')).toHaveText('Online', { timeout: 20_000 });
  await expect(card(page, 'Feature #3').locator('.badge')).toHaveText('Live', { timeout: 10_000 });
});

test('the API toggle cuts the network to the emulator and restores it', async ({ page, emulator }) => {
  await openDashboard(page, emulator, { cacheTtlMs: '2000' });
  await page.getByLabel('Cut the network to the API').check();
  await expect(page.locator('#faults-summary')).toHaveText('connections dropped.');
  await expect(page.locator('#sync-badge')).toHaveText(/Degraded|Offline/, { timeout: 10_000 });
  await expect(card(page, 'Feature #3').locator('.access')).toHaveText('Access');

  await page.getByLabel('Cut the network to the API').uncheck();
  await expect(page.locator('#sync-badge')).toHaveText('Online', { timeout: 20_000 });
});

test('keyboard and phone width: controls are labelled and reachable', async ({ page, emulator }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openDashboard(page, emulator);
  // Nothing overflows sideways at phone width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // The skip link is the first stop and lands on the features.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to features' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#features')).toBeFocused();

  // A metered feature can be used from the keyboard alone.
  const use = card(page, 'Feature #3').getByRole('button', { name: 'Use 1' });
  await use.focus();
  await page.keyboard.press('Enter');
  await expect(card(page, 'Feature #3').locator('.usage-text')).toHaveText('1 / 2 requests');

  // Every form control has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, button')]
      .filter((el) => !(el as HTMLElement).closest('[hidden]'))
      .filter((el) => {
        const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        return !labelled && !(el.textContent ?? '').trim();
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unnamed).toEqual([]);
});
