// Chromium as the e2e tests launch it (the flags come from playwright.config.ts), and the
// bench pages opened in it.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import type { BenchPage } from '../pages/probe';

export type Sdk = BenchPage['sdk'];
export const SDKS: readonly Sdk[] = ['gatehouse', 'official'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ ...playwrightConfig.use?.launchOptions, headless: true });
}

export interface PageQuery {
  customerId?: string;
  featureId?: string;
  cacheTtlMs?: number;
  readEveryMs?: number;
}

export function pageUrl(siteUrl: string, sdk: Sdk, emulatorUrl: string, query: PageQuery = {}): string {
  const params = new URLSearchParams({ emulator: emulatorUrl });
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return `${siteUrl}/${sdk}.html?${params}`;
}

/**
 * Waits in the page (polling every 20 ms) until `window.bench` has the given state. Done
 * with page.evaluate and a promise rather than page.waitForFunction: that one installs
 * Playwright's injected script in the page's main world (0.45 MB of heap, kept for the
 * page's life), which the memory figures would count for both SDKs alike.
 */
async function pollPage(page: Page, until: 'installed' | 'real answer', timeoutMs: number): Promise<boolean> {
  return page.evaluate(
    // No named inner functions: tsx would wrap them in a helper the page does not have.
    async ([until, timeoutMs]) => {
      const started = performance.now();
      for (;;) {
        if (until === 'installed' ? window.bench !== undefined : window.bench?.firstRealAt != null) return true;
        if (performance.now() - started > timeoutMs) return false;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    [until, timeoutMs] as const,
  );
}

/** Opens a bench page and waits until its probe is installed. */
export async function openBenchPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  if (!(await pollPage(page, 'installed', 30_000))) throw new Error(`${url}: the bench probe was never installed`);
  return page;
}

/** performance.now() of the page's first real answer, or null when none came within timeoutMs. */
export async function firstRealAnswer(page: Page, timeoutMs: number): Promise<number | null> {
  try {
    if (!(await pollPage(page, 'real answer', timeoutMs))) return null;
    return await page.evaluate(() => window.bench.firstRealAt);
  } catch {
    return null; // the page went away (a navigation) while waited on
  }
}

/** Waits for every page's client to initialize. */
export async function initialized(pages: Page[]): Promise<void> {
  await Promise.all(pages.map((page) => page.evaluate(() => window.bench.client.waitForInitialization().then(() => undefined))));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Opens a bench page and waits until it answers with real data and has initialized, then
 * until it has settled: the metering worker has taken over, the engine stored the snapshot.
 */
export async function openSettledPage(context: BrowserContext, url: string, what: string): Promise<Page> {
  const page = await openBenchPage(context, url);
  if ((await firstRealAnswer(page, 30_000)) === null) throw new Error(`${what}: no real answer`);
  await initialized([page]);
  await sleep(1_500);
  return page;
}
