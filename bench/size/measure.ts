// Bundle sizes as an app ships them. The page: bench/size/app.ts (the usage guide's first
// example) built against the package as published (dist/lib) with Vite's defaults for an
// app, as a user's own build would do it; what loads before the first answer is the entry
// chunk and every chunk it imports statically, not the chunks behind dynamic imports (the
// engine link, the metering worker's starter, the async calls). The app's own code is left
// out when the bundler gives it a file of its own. The metering worker: the worker that
// same build makes from the package. The service worker: the ready-made dist/sw/sw.js.
// Sizes are gzip -9 per file, summed (each file is a separate download).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const APP_ENTRY = 'bench/size/app.ts';
const PUBLISHED_PAGE_API = 'dist/lib/gatehouse.js';
export const SW_FILE = 'dist/sw/sw.js';
export const REACT_FILE = 'dist/lib/react.js';
export const OFFICIAL_FILE = 'node_modules/@stigg/js-client-sdk/dist/index.js';

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  /**
   * Largest modules first: bytes as rendered into the chunk before minification, and
   * the file's gzip size shared out in proportion (an estimate: gzip is not additive).
   */
  modules: { id: string; renderedBytes: number; approxGzipBytes: number }[];
}

export interface BundlePart {
  gzipBytes: number;
  files: BundleFile[];
}

export interface BundleReport {
  /** Loaded before the page's first answer. */
  page: BundlePart;
  /** Loaded by the page later (dynamic imports), for information. */
  pageLazy: BundlePart;
  worker: BundlePart;
  serviceWorker: BundlePart;
  /** The `gatehouse/react` entry itself, as published (it imports React and the page API). */
  react: BundlePart;
  official: BundlePart;
}

const gzipSize = (source: string | Uint8Array) => gzipSync(source, { level: 9 }).length;

function part(files: BundleFile[]): BundlePart {
  return { gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), files };
}

function assertBuilt(path: string): void {
  if (!existsSync(`${root}/${path}`)) throw new Error(`${path} is missing: run \`npm run build\` first`);
}

function plainFile(path: string): BundleFile {
  assertBuilt(path);
  const absolute = `${root}/${path}`;
  const source = readFileSync(absolute);
  return { file: path, bytes: source.byteLength, gzipBytes: gzipSize(source), modules: [] };
}

function chunkFile(chunk: Rolldown.OutputChunk): BundleFile {
  const gzipBytes = gzipSize(chunk.code);
  const rendered = Object.entries(chunk.modules).map(([id, info]) => ({ id: moduleName(id), renderedBytes: info.renderedLength }));
  const total = rendered.reduce((sum, m) => sum + m.renderedBytes, 0) || 1;
  const modules = rendered
    .map((m) => ({ ...m, approxGzipBytes: Math.round((gzipBytes * m.renderedBytes) / total) }))
    .sort((a, b) => b.renderedBytes - a.renderedBytes);
  return { file: chunk.fileName, bytes: Buffer.byteLength(chunk.code), gzipBytes, modules };
}

const moduleName = (id: string) => id.replace(/\0/g, '').replace(root, '').replace(/^.*node_modules\//, 'node_modules/');

async function buildApp(): Promise<Rolldown.RolldownOutput['output']> {
  assertBuilt(PUBLISHED_PAGE_API);
  const result = await build({
    configFile: false,
    root,
    logLevel: 'error',
    mode: 'production',
    resolve: { alias: [{ find: /^gatehouse$/, replacement: `${root}/${PUBLISHED_PAGE_API}` }] },
    build: { write: false, rolldownOptions: { input: { app: APP_ENTRY } } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
  return output.output;
}

export async function measureBundles(): Promise<BundleReport> {
  const output = await buildApp();
  const chunks = new Map(output.filter((f): f is Rolldown.OutputChunk => f.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = [...chunks.values()].find((c) => c.isEntry);
  if (!entry) throw new Error(`bundling ${APP_ENTRY} produced no entry chunk`);
  const initial = new Set<string>();
  const visit = (name: string) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const imported of chunks.get(name)?.imports ?? []) visit(imported);
  };
  visit(entry.fileName);
  const lazy = [...chunks.keys()].filter((name) => !initial.has(name));
  const workers = output.filter((f): f is Rolldown.OutputAsset => f.type === 'asset' && /worker.*\.js$/.test(f.fileName));
  if (workers.length === 0) throw new Error(`bundling ${APP_ENTRY} emitted no metering worker`);
  // The package's gatehouse.js only re-exports the page API module: it renders to nothing.
  const appOnly = (chunk: Rolldown.OutputChunk) =>
    Object.keys(chunk.modules).every((id) => id.endsWith(APP_ENTRY) || id.endsWith(PUBLISHED_PAGE_API));
  return {
    page: part([...initial].map((name) => chunks.get(name)!).filter((chunk) => !appOnly(chunk)).map(chunkFile)),
    pageLazy: part(lazy.map((name) => chunkFile(chunks.get(name)!))),
    worker: part(workers.map((w) => ({ file: w.fileName, bytes: Buffer.byteLength(w.source), gzipBytes: gzipSize(w.source), modules: [] }))),
    serviceWorker: part([plainFile(SW_FILE)]),
    react: part([plainFile(REACT_FILE)]),
    official: part([plainFile(OFFICIAL_FILE)]),
  };
}

/** page + metering worker + service worker. */
export const totalGzipBytes = (report: BundleReport) =>
  report.page.gzipBytes + report.worker.gzipBytes + report.serviceWorker.gzipBytes;
