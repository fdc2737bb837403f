// What a page loads at start: it asks for the SDK configuration every time, so that call
// must not bring every other Stigg call's documents and mappers with it (script a page
// loads stays in its memory for the page's life); the first such call loads them. On the
// bare app of the published package (the demo makes other calls at start).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Whether a script the page has loaded from its own origin contains `text`. */
function loadedScriptsContain(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (text) => {
    const urls = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => url.startsWith(location.origin) && new URL(url).pathname.endsWith('.js'));
    const bodies = await Promise.all(urls.map((url) => fetch(url).then((response) => response.text())));
    return bodies.some((body) => body.includes(text));
  }, text);
}

test('a page start asks for the SDK configuration without loading the other Stigg calls; the first of them loads them', async ({ page, emulator }) => {
  await emulator.clearRequests();
  await page.goto(`/ready-made/?${new URLSearchParams({ customerId: 'customer-demo-01', emulator: emulator.url })}`);
  await page.waitForFunction(() => window.stigg !== undefined);
  await expect.poll(async () => (await emulator.requestCounts()).counts.GetSdkConfiguration ?? 0).toBeGreaterThan(0);
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  expect(await loadedScriptsContain(page, 'query GetSdkConfiguration')).toBe(true);
  expect(await loadedScriptsContain(page, 'query GetPaywall')).toBe(false);

  await page.evaluate(() => window.stigg.getPaywall({}).then(() => undefined));
  expect(await loadedScriptsContain(page, 'query GetPaywall')).toBe(true);
});
