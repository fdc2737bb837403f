// Bundle sizes as an app ships them. The page: src/index.ts bundled the way an app's
// bundler would (Vite's app defaults, dependencies included, minified: code shared with
// lazy chunks stays in the entry chunk, as in an app build, rather than being split into
// extra files as a library build's strict entry signature forces); what loads before the first
// answer is the entry chunk and every chunk it imports statically, not the chunks behind
// dynamic imports (the engine link, the metering worker's starter). The metering worker:
// the worker bundle that build emits. The service worker: the ready-made dist/sw/sw.js.
// Sizes are gzip -9 per file, summed (each file is a separate download).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const PAGE_ENTRY = 'src/index.ts';
export const SW_FILE = 'dist/sw/sw.js';
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
  official: BundlePart;
}

const gzipSize = (source: string | Uint8Array) => gzipSync(source, { level: 9 }).length;

function part(files: BundleFile[]): BundlePart {
  return { gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), files };
}

function plainFile(path: string): BundleFile {
  const absolute = `${root}/${path}`;
  if (!existsSync(absolute)) throw new Error(`${path} is missing: run \`npm run build\` first`);
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

async function buildPage(): Promise<Rolldown.OutputBundle | Rolldown.RolldownOutput['output']> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'error',
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    worker: { format: 'es' },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      rolldownOptions: { input: { page: PAGE_ENTRY }, preserveEntrySignatures: 'allow-extension' },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
  return output.output;
}

export async function measureBundles(): Promise<BundleReport> {
  const output = (await buildPage()) as Rolldown.RolldownOutput['output'];
  const chunks = new Map(output.filter((f): f is Rolldown.OutputChunk => f.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = [...chunks.values()].find((c) => c.isEntry);
  if (!entry) throw new Error(`bundling ${PAGE_ENTRY} produced no entry chunk`);
  const initial = new Set<string>();
  const visit = (name: string) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const imported of chunks.get(name)?.imports ?? []) visit(imported);
  };
  visit(entry.fileName);
  const lazy = [...chunks.keys()].filter((name) => !initial.has(name));
  const workers = output.filter((f): f is Rolldown.OutputAsset => f.type === 'asset' && /worker.*\.js$/.test(f.fileName));
  if (workers.length === 0) throw new Error(`bundling ${PAGE_ENTRY} emitted no metering worker`);
  return {
    page: part([...initial].map((name) => chunkFile(chunks.get(name)!))),
    pageLazy: part(lazy.map((name) => chunkFile(chunks.get(name)!))),
    worker: part(workers.map((w) => ({ file: w.fileName, bytes: Buffer.byteLength(w.source), gzipBytes: gzipSize(w.source), modules: [] }))),
    serviceWorker: part([plainFile(SW_FILE)]),
    official: part([plainFile(OFFICIAL_FILE)]),
  };
}

/** page + metering worker + service worker. */
export const totalGzipBytes = (report: BundleReport) =>
  report.page.gzipBytes + report.worker.gzipBytes + report.serviceWorker.gzipBytes;
