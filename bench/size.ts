// `npm run size`: the bundle budgets (bench/budgets.json) against the current code.
// Needs dist/sw/sw.js (`npm run build`); `package` is the `npm pack` tarball. Fails, naming the bundle, its files, its size
// and its budget, when anything grows past its budget; says so when a goal is missed.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packGatehouse } from '../scripts/pack.mjs';
import { measureBundles, totalGzipBytes, type BundlePart } from './size/measure';

interface Limit {
  budget: number;
  goal?: number;
}
type Budgets = Record<'page' | 'worker' | 'serviceWorker' | 'react' | 'all' | 'package', Limit>;

const BUDGETS_FILE = fileURLToPath(new URL('./budgets.json', import.meta.url));
const budgets = JSON.parse(readFileSync(BUDGETS_FILE, 'utf8')) as Budgets;
const report = await measureBundles();
const packDir = join(tmpdir(), `gatehouse-size-${process.pid}`);
const packed = packGatehouse(packDir);
rmSync(packDir, { recursive: true, force: true });
const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;
const files = (p: BundlePart) => p.files.map((f) => `${f.file} ${bytes(f.gzipBytes)}`).join(' + ');
const checks: { name: keyof Budgets; what: string; size: number; part?: BundlePart }[] = [
  { name: 'page', what: `page before its first answer: ${files(report.page)}`, size: report.page.gzipBytes, part: report.page },
  { name: 'worker', what: `metering worker: ${files(report.worker)}`, size: report.worker.gzipBytes },
  { name: 'serviceWorker', what: `service worker: ${files(report.serviceWorker)}`, size: report.serviceWorker.gzipBytes },
  { name: 'react', what: `the gatehouse/react entry itself: ${files(report.react)}`, size: report.react.gzipBytes },
  { name: 'all', what: 'page + metering worker + service worker', size: totalGzipBytes(report) },
  { name: 'package', what: `npm pack tarball: ${packed.files.length} files, ${bytes(packed.unpackedSize)} unpacked`, size: packed.size },
];

let failed = false;
for (const { name, what, size, part } of checks) {
  const { budget, goal } = budgets[name];
  const overGoal = goal !== undefined && size > goal;
  const status = size > budget ? 'OVER BUDGET' : overGoal ? `within budget, over the goal of ${bytes(goal)}` : 'ok';
  console.log(`size ${name}: ${bytes(size)} gzip, budget ${bytes(budget)}: ${status} (${what})`);
  if (size > budget) {
    failed = true;
    console.error(`  ✗ ${name} is ${bytes(size - budget)} over its budget of ${bytes(budget)} (${BUDGETS_FILE})`);
  }
  if (overGoal && part) {
    const modules = part.files.flatMap((f) => f.modules).sort((a, b) => b.approxGzipBytes - a.approxGzipBytes);
    console.log(`  its modules, ≈ gzip bytes: ${modules.map((m) => `${m.id} ${m.approxGzipBytes}`).join(', ')}`);
  }
}
console.log(`(the official SDK, for contrast: ${bytes(report.official.gzipBytes)} gzip)`);

// Every shipped script is ASCII: V8 keeps a script's source for its whole life, one byte a
// character only while every character is Latin-1; a single "–" in a string doubled the
// page bundle's source in memory (35 KB more heap, bench/heap-snapshot.ts found it).
const shipped = ['dist/lib', 'dist/sw'].flatMap((dir) =>
  readdirSync(fileURLToPath(new URL(`../${dir}`, import.meta.url)), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => `${dir}/${file}`),
);
for (const file of shipped) {
  const text = readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), 'utf8');
  const at = text.search(/[^\x00-\x7f]/);
  if (at >= 0) {
    failed = true;
    console.error(`  ✗ ${file} is not ASCII: "${text.slice(Math.max(0, at - 40), at + 10)}" (use an ASCII character or an escape)`);
  }
}
console.log(`size ascii: ${shipped.length} shipped scripts checked`);
process.exit(failed ? 1 : 0);
