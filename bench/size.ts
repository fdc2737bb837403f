// `npm run size`: the bundle budgets (bench/budgets.json) against the current code.
// Needs dist/sw/sw.js (`npm run build`). Fails, naming the file, its size and its
// budget, when anything grows past its budget; says so when a goal is missed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureBundles, totalGzipBytes, type BundlePart } from './size/measure';

interface Limit {
  budget: number;
  goal: number;
}
type Budgets = Record<'page' | 'worker' | 'serviceWorker' | 'all', Limit>;

const BUDGETS_FILE = fileURLToPath(new URL('./budgets.json', import.meta.url));
const budgets = JSON.parse(readFileSync(BUDGETS_FILE, 'utf8')) as Budgets;
const report = await measureBundles();
const files = (p: BundlePart) => p.files.map((f) => `${f.file} ${f.gzipBytes} B`).join(' + ');
const checks: { name: keyof Budgets; what: string; size: number }[] = [
  { name: 'page', what: `page before its first answer (${files(report.page)})`, size: report.page.gzipBytes },
  { name: 'worker', what: `metering worker (${files(report.worker)})`, size: report.worker.gzipBytes },
  { name: 'serviceWorker', what: `service worker (${files(report.serviceWorker)})`, size: report.serviceWorker.gzipBytes },
  { name: 'all', what: 'page + metering worker + service worker', size: totalGzipBytes(report) },
];

let failed = false;
for (const { name, what, size } of checks) {
  const { budget, goal } = budgets[name];
  const status = size > budget ? 'OVER BUDGET' : size > goal ? 'within budget, over goal' : 'ok';
  console.log(`size ${name}: ${size.toLocaleString('en-US')} B gzip (budget ${budget.toLocaleString('en-US')} B, goal ${goal.toLocaleString('en-US')} B) ${status}: ${what}`);
  if (size > budget) {
    failed = true;
    console.error(`  ✗ ${name} is ${(size - budget).toLocaleString('en-US')} B over its budget in ${BUDGETS_FILE}.`);
  }
  if (size > goal && name === 'page') {
    const modules = report.page.files.flatMap((f) => f.modules).sort((a, b) => b.renderedBytes - a.renderedBytes);
    console.log(`  largest modules in the page bundle (rendered bytes, before minification): ${modules.slice(0, 8).map((m) => `${m.id} ${m.renderedBytes}`).join(', ')}`);
  }
}
console.log(`(official SDK for contrast: ${report.official.gzipBytes.toLocaleString('en-US')} B gzip)`);
process.exit(failed ? 1 : 0);
