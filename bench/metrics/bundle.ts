// bundle_*_gzip_bytes: see size/measure.ts for what is counted.
import { measureBundles, totalGzipBytes } from '../size/measure';
import type { Measurement } from '../types';

export async function bundleSizes(): Promise<Measurement[]> {
  const report = await measureBundles();
  const official = [report.official.gzipBytes];
  return [
    { name: 'bundle_page_gzip_bytes', unit: 'B', goal: '≤ 8,192', gatehouse: [report.page.gzipBytes], official, note: 'official: its whole UMD bundle' },
    { name: 'bundle_worker_gzip_bytes', unit: 'B', goal: '(in all)', gatehouse: [report.worker.gzipBytes], official: null },
    { name: 'bundle_sw_gzip_bytes', unit: 'B', goal: '(in all)', gatehouse: [report.serviceWorker.gzipBytes], official: null },
    { name: 'bundle_all_gzip_bytes', unit: 'B', goal: '≤ 40,960', gatehouse: [totalGzipBytes(report)], official },
    { name: 'bundle_page_lazy_gzip_bytes', unit: 'B', goal: '(info)', gatehouse: [report.pageLazy.gzipBytes], official: null, note: 'every dynamic chunk: engine link, metering-worker starter, async calls, and the page-host engine (loaded only without a service worker)' },
  ];
}
