// `npm start` on ports other than the defaults: the dashboard it prints, opened at `/`,
// talks to the emulator it started (no `?emulator=`), and its cards answer live.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { card, FEATURES } from './dashboard.fixtures';
import { expect, test } from './fixtures';

const repoDir = fileURLToPath(new URL('..', import.meta.url));
let start: ChildProcess | undefined;

test.afterEach(() => {
  if (start?.pid !== undefined && start.exitCode === null) start.kill('SIGTERM');
});

test('npm start on any ports: the dashboard at / finds the emulator that npm start started', async ({ page }) => {
  // Port 0: the system picks free ports, neither of them the defaults (3060, 4173).
  start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--skip-build'], {
    cwd: repoDir,
    env: { ...process.env, EMULATOR_PORT: '0', DEMO_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const urls = await new Promise<{ emulator: string; dashboard: string }>((resolve, reject) => {
    start!.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
    start!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const emulator = /Stigg emulator:\s+(\S+)/.exec(output)?.[1];
      const dashboard = /Demo dashboard:\s+(\S+)/.exec(output)?.[1];
      if (emulator && dashboard) resolve({ emulator, dashboard });
    });
  });
  expect(urls.dashboard).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(urls.emulator).not.toMatch(/:3060$/);
  // The banner names the emulator's origin for both URIs, with no path to add.
  expect(output).toContain(`set both baseUri and baseEdgeUri to ${urls.emulator}`);

  await page.goto(urls.dashboard);
  for (const name of FEATURES) await expect(card(page, name).locator('.badge')).toHaveText('Live');
  expect(await page.evaluate(() => window.stigg.getNumericEntitlement({ featureId: 'feature-demo-01' }).isFallback)).toBe(false);
});
