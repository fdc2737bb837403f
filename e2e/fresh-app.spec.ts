// A brand-new Vite + TypeScript app (e2e/fresh-app/), set up as the README tells a user:
// the packed tarball installed as `gatehouse`, `gatehouse/vite` in its Vite config, the
// README's `Stigg.initialize`. Built once, served as a static single-page app.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { packGatehouse, type PackedGatehouse } from '../scripts/pack.mjs';
import { createStaticServer } from '../scripts/static-server';
import { expect, test } from './fixtures';

const repoDir = fileURLToPath(new URL('..', import.meta.url));
const workDir = join(repoDir, '.fresh-app');
const appDir = join(workDir, 'app');
const viteBin = join(repoDir, 'node_modules/vite/bin/vite.js');

interface FreshApp {
  stigg: import('gatehouse').StiggClient;
  logs: string[];
}

test.describe.configure({ mode: 'serial' });

let packed: PackedGatehouse;
let server: Server;
let serverWithoutWorker: Server;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  packed = packGatehouse(join(workDir, 'pack'));
  rmSync(appDir, { recursive: true, force: true });
  cpSync(fileURLToPath(new URL('fresh-app', import.meta.url)), appDir, { recursive: true });
  // `npm install ./gatehouse-x.y.z.tgz`, without the network: the tarball's contents as
  // node_modules/gatehouse; its dependencies resolve from the repository's node_modules.
  mkdirSync(join(appDir, 'node_modules'), { recursive: true });
  renameSync(packed.packageDir, join(appDir, 'node_modules/gatehouse'));
  execFileSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: appDir, stdio: 'inherit' });
  // The same build with /sw.js missing (an app that forgot the worker, or a server that drops it).
  cpSync(join(appDir, 'dist'), join(appDir, 'dist-without-worker'), { recursive: true });
  rmSync(join(appDir, 'dist-without-worker/sw.js'));
  server = await listen(createStaticServer(join(appDir, 'dist'), { spaFallback: true }));
  serverWithoutWorker = await listen(createStaticServer(join(appDir, 'dist-without-worker'), { spaFallback: true }));
});

test.afterAll(() => {
  server?.close();
  serverWithoutWorker?.close();
});

function listen(created: Server): Promise<Server> {
  return new Promise((resolve) => created.listen(0, '127.0.0.1', () => resolve(created)));
}

const originOf = (running: Server) => `http://127.0.0.1:${(running.address() as AddressInfo).port}`;

async function useEmulator(context: BrowserContext, emulatorUrl: string): Promise<void> {
  await context.addInitScript((url) => Object.assign(window, { FRESH_APP_EMULATOR: url }), emulatorUrl);
}

/** Loads `url`, waits for the client's first data, and reads what the app shows and answers. */
async function loadApp(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => 'app' in window);
  return page.evaluate(async () => {
    const { stigg } = (window as unknown as { app: FreshApp }).app;
    await stigg.waitForInitialization();
    const entitlement = stigg.getNumericEntitlement({ featureId: 'feature-demo-01' });
    const paywall = await stigg.getPaywall();
    return {
      route: document.querySelector('#route')?.textContent,
      styled: getComputedStyle(document.querySelector('h1')!).color,
      isFallback: entitlement.isFallback,
      hasAccess: entitlement.hasAccess,
      plans: paywall.plans.map((plan) => plan.id),
    };
  });
}

/** The worker's errors: what it logs as errors and what Chromium reports of it (uncaught errors included). */
async function collectWorkerErrors(page: Page, context: BrowserContext): Promise<string[]> {
  const errors: string[] = [];
  context.on('serviceworker', (worker) => worker.on('console', (message) => message.type() === 'error' && errors.push(message.text())));
  const cdp = await context.newCDPSession(page);
  cdp.on('ServiceWorker.workerErrorReported', ({ errorMessage }) => errors.push(errorMessage.errorMessage));
  await cdp.send('ServiceWorker.enable');
  return errors;
}

test('online it answers real data; after exactly one online visit the app and a deep link load offline and answer real data; the worker logs no error', async ({ page, context, emulator }) => {
  const origin = originOf(server);
  await useEmulator(context, emulator.url);
  const workerErrors = await collectWorkerErrors(page, context);

  const online = await loadApp(page, `${origin}/`);
  expect(online).toMatchObject({ route: '/', styled: 'rgb(1, 2, 3)', isFallback: false, hasAccess: true });
  expect(online.plans.length).toBeGreaterThan(0);
  // The one visit ends once the worker controls the page and holds every script and style it loaded.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const assets = performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.startsWith(location.origin) && /\.(js|css)$/.test(entry.name))
          .map((entry) => entry.name);
        const cached = await Promise.all(assets.map((url) => caches.match(url)));
        return assets.length > 0 && cached.every(Boolean);
      }),
    )
    .toBe(true);

  await context.setOffline(true);
  const reloaded = await loadApp(page, `${origin}/`);
  expect(reloaded).toEqual({ ...online, route: '/' });
  const deepLink = await loadApp(page, `${origin}/some/route?x=1`);
  expect(deepLink).toEqual({ ...online, route: '/some/route?x=1' });

  // Several more loads, online and off: the worker stays free of errors throughout.
  await context.setOffline(false);
  for (const url of [`${origin}/`, `${origin}/some/route?x=1`, `${origin}/other`]) {
    expect((await loadApp(page, url)).isFallback).toBe(false);
  }
  await context.setOffline(true);
  expect((await loadApp(page, `${origin}/other`)).route).toBe('/other');
  expect(workerErrors).toEqual([]);
});

test('the SDK configuration is fetched once for the origin: a second tab and a reload take it from the engine', async ({ page, context, emulator }) => {
  const origin = originOf(server);
  await useEmulator(context, emulator.url);
  await emulator.clearRequests();
  await loadApp(page, `${origin}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const secondTab = await context.newPage();
  await loadApp(secondTab, `${origin}/some/route?x=1`);
  await loadApp(page, `${origin}/`);
  expect(await page.evaluate(() => (window as unknown as { app: FreshApp }).app.stigg.isWidgetWatermarkEnabled)).toBe(
    await secondTab.evaluate(() => (window as unknown as { app: FreshApp }).app.stigg.isWidgetWatermarkEnabled),
  );
  expect((await emulator.requestCounts()).counts.GetSdkConfiguration).toBe(1);
});

test('with /sw.js missing, the app\'s logger gets one warning naming the URL and the consequence, and getters still answer online', async ({ page, context, emulator }) => {
  const origin = originOf(serverWithoutWorker);
  await useEmulator(context, emulator.url);
  const online = await loadApp(page, `${origin}/`);
  expect(online).toMatchObject({ isFallback: false, hasAccess: true });
  const { warnings, status } = await page.evaluate(() => {
    const { stigg, logs } = (window as unknown as { app: FreshApp }).app;
    return { warnings: logs.filter((line) => line.includes('/sw.js')), status: stigg.getSyncStatus() };
  });
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`${origin}/sw.js`);
  expect(warnings[0]).toContain('offline');
  expect(status?.host).toBe('page');
  expect(status?.hostReason).toContain(`${origin}/sw.js`);
});

test("in Vite's dev server the plugin serves /sw.js (the engine without the app shell), and the app answers through it", async ({ page, context, emulator }) => {
  const { createServer } = await import('vite');
  const dev = await createServer({ root: appDir, configFile: join(appDir, 'vite.config.ts'), logLevel: 'warn', server: { port: 0, host: '127.0.0.1' } });
  try {
    await dev.listen();
    const origin = `http://127.0.0.1:${(dev.httpServer!.address() as AddressInfo).port}`;
    const worker = await fetch(`${origin}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toContain('javascript');
    expect(await worker.text()).toMatch(/^self\.__GATEHOUSE_DEV__=true;/);
    await useEmulator(context, emulator.url);
    const answered = await loadApp(page, `${origin}/`);
    expect(answered).toMatchObject({ isFallback: false, hasAccess: true });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await page.evaluate(() => (window as unknown as { app: FreshApp }).app.stigg.getSyncStatus()?.host)).toBe('service-worker');
    // No app shell under the dev server: its modules are never cached.
    expect(await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('gatehouse-shell-')))).toEqual([]);
  } finally {
    await dev.close();
  }
});

test('the tarball holds what apps use and the license: no demo, no test pages', () => {
  expect(packed.files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/lib/gatehouse.js', 'dist/sw/sw.js', 'dist/vite/index.js', 'dist/vite/index.d.ts']));
  expect(packed.files.filter((file) => file.startsWith('dist/demo') || /harness|\.test\./.test(file))).toEqual([]);
  expect(packed.files.every((file) => /^(dist\/(lib|sw|types|vite)\/|docs\/[^/]+\.md$|LICENSE$|README\.md$|package\.json$)/.test(file))).toBe(true);
  const manifest = JSON.parse(readFileSync(join(appDir, 'node_modules/gatehouse/package.json'), 'utf8')) as { exports: Record<string, unknown> };
  expect(Object.keys(manifest.exports)).toContain('./vite');
});
