// The server-rendered React example (examples/react-ssr) in Chromium, with the emulator
// answering after 1 s: a first visit with a bootstrap paints the real values from the first
// paint and never shows a fallback; a reload without a bootstrap first paints the stored
// values; hydration never complains.
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { buildExampleClient } from '../examples/react-ssr/build';
import { createExampleServer } from '../examples/react-ssr/server';
import { expect, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await buildExampleClient();
});

/** Records the text of every gate each time the DOM changes, from the parser's first insertion on. */
async function watchGates(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid]')) {
        const entry = `${el.getAttribute('data-testid')} ${el.textContent}`;
        if (seen.at(-1) !== entry) seen.push(entry);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
const first = (entries: string[], name: string) => entries.find((entry) => entry.startsWith(`${name} `));

test('SSR with bootstrap: real values from the first paint, stored values first on a reload, no hydration warning', async ({ page, emulator }) => {
  test.setTimeout(60_000);
  const server = createExampleServer({ apiUrl: emulator.url });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning' || /hydrat/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  try {
    await emulator.setFaults({ latencyMs: 1_000 });
    await watchGates(page);

    // First visit: the server fetched the bootstrap and rendered with it.
    await page.goto(`${origin}/?customerId=customer-demo-01`);
    await expect(page.getByTestId('source')).toHaveText('network', { timeout: 20_000 }); // the engine's own fetch arrived
    const visit = await seen(page);
    expect(first(visit, 'numeric')).toBe('numeric {"hasAccess":true,"isFallback":false,"value":100}');
    expect(first(visit, 'metered')).toBe('metered {"hasAccess":true,"isFallback":false,"usage":"0/2"}');
    expect(first(visit, 'source')).toBe('source bootstrap');
    expect(visit.filter((entry) => entry.includes('"isFallback":true') || entry.startsWith('loading'))).toEqual([]);
    expect(visit.indexOf('source bootstrap')).toBeLessThan(visit.indexOf('source network'));

    // Reload without a bootstrap: the server renders the shell, the browser the stored values.
    await page.goto(`${origin}/?customerId=customer-demo-01&bootstrap=0`);
    await expect(page.getByTestId('numeric')).toBeVisible();
    const reload = await seen(page);
    expect(reload[0]).toBe('loading Loading entitlements…');
    expect(first(reload, 'numeric')).toBe('numeric {"hasAccess":true,"isFallback":false,"value":100}');
    expect(first(reload, 'source')).toBe('source cache');
    expect(reload.filter((entry) => entry.includes('"isFallback":true'))).toEqual([]);

    expect(problems).toEqual([]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
