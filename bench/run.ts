// `npm run bench`: both SDKs on this machine, the same emulator and the same Chromium.
// Builds (npm run build, then the bench site), runs every metric module, prints a table
// and writes bench/results/latest.json. `npm run bench -- warm tabs` runs only metrics
// whose module name matches (`--merge` writes their figures into latest.json, keeping the
// others); `--no-build` reuses dist/.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './harness/browser';
import { buildSite, serveSite } from './harness/site';
import { describeMachine } from './machine';
import { bundleSizes } from './metrics/bundle';
import { coldStart } from './metrics/cold-start';
import { largeCatalog } from './metrics/large-catalog';
import { requestsPerLoad } from './metrics/requests-per-load';
import { failureRecovery } from './metrics/failure-recovery';
import { firstPaint } from './metrics/first-paint';
import { getterThroughput } from './metrics/getter';
import { longTasks } from './metrics/long-tasks';
import { memory } from './metrics/memory';
import { tabPropagation } from './metrics/tab-propagation';
import { tenTabs } from './metrics/ten-tabs';
import { warmStart } from './metrics/warm-start';
import { formatTable, toResult } from './report';
import type { BenchResults, Measurement, MetricModule } from './types';

const MODULES: Record<string, MetricModule> = {
  warm: warmStart,
  coldstart: coldStart,
  requests: requestsPerLoad,
  tabs: tenTabs,
  getter: getterThroughput,
  bundle: bundleSizes,
  longtasks: longTasks,
  memory,
  largecatalog: largeCatalog,
  propagation: tabPropagation,
  recovery: failureRecovery,
  firstpaint: firstPaint,
};

const RESULTS = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const args = process.argv.slice(2);
const selected = args.filter((a) => !a.startsWith('--'));
const started = Date.now();
const log = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

if (!args.includes('--no-build')) {
  log('npm run build');
  execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
}
log('building the bench site (dist/bench)');
await buildSite();
const site = await serveSite();
const browser = await launchBrowser();
const measurements: Measurement[] = [];
try {
  for (const [name, run] of Object.entries(MODULES)) {
    if (selected.length && !selected.some((s) => name.includes(s))) continue;
    log(`${name}…`);
    measurements.push(...(await run({ browser, site, log })));
  }
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: describeMachine(browser),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    metrics: measurements.map(toResult),
  };
  console.log(`\n${formatTable(results.metrics)}\n`);
  console.log(`machine: ${Object.values(results.machine).join(' · ')}; ${results.durationSeconds} s`);
  if (selected.length === 0) {
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${RESULTS}`);
  } else if (args.includes('--merge') && existsSync(RESULTS)) {
    // A partial run's metrics replace those of the same name in latest.json; the others stay.
    const previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResults;
    const fresh = new Map(results.metrics.map((metric) => [metric.name, metric]));
    const metrics = previous.metrics.map((metric) => fresh.get(metric.name) ?? metric);
    for (const metric of results.metrics) if (!previous.metrics.some((m) => m.name === metric.name)) metrics.push(metric);
    const merged: BenchResults = { ...results, durationSeconds: previous.durationSeconds + results.durationSeconds, metrics };
    writeFileSync(RESULTS, `${JSON.stringify(merged, null, 2)}\n`);
    console.log(`merged ${results.metrics.length} metrics into ${RESULTS}`);
  } else {
    console.log('(a partial run: bench/results/latest.json left as it was)');
  }
} finally {
  await browser.close();
  await site.close();
}
// Timers of the clients run in this process (the getter figure) would keep it alive.
process.exit(0);
