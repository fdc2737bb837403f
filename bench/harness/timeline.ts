// What a first visit spends its time on, read in the page after its first real answer:
// the SDK's own performance marks (`gatehouse:*`, see src/timeline.ts) and the resource
// timings of the requests that matter (the SDK script, the entitlements, the SDK
// configuration, the service worker script), all in ms since navigation start.
import type { Page } from '@playwright/test';

export type Phase = { name: string; at: number; end?: number };

export function readTimeline(page: Page): Promise<Phase[]> {
  return page.evaluate(() => {
    const phases: { name: string; at: number; end?: number }[] = [];
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (nav) {
      phases.push({ name: 'html', at: nav.requestStart, end: nav.responseEnd });
      phases.push({ name: 'domContentLoaded', at: nav.domContentLoadedEventEnd });
    }
    for (const mark of performance.getEntriesByType('mark')) {
      if (mark.name.startsWith('gatehouse:')) phases.push({ name: mark.name.slice('gatehouse:'.length), at: mark.startTime });
    }
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      const url = new URL(entry.name);
      const name = url.pathname.endsWith('entitlements.json')
        ? 'request: edge entitlements'
        : url.pathname === '/graphql'
          ? 'request: graphql'
          : url.pathname.endsWith('/sw.js')
            ? 'request: sw.js'
            : url.pathname.endsWith('.js')
              ? `script: ${url.pathname.split('/').pop()}`
              : null;
      if (name) phases.push({ name, at: entry.startTime, end: entry.responseEnd });
    }
    if (window.bench?.firstRealAt != null) phases.push({ name: 'first real answer', at: window.bench.firstRealAt });
    return phases.sort((a, b) => a.at - b.at);
  });
}

/** The median of each phase's start (and end) over runs, for phases every run has. */
export function medianTimeline(runs: Phase[][]): Phase[] {
  const key = (phase: Phase, index: number) => `${phase.name}#${index}`;
  const byKey = new Map<string, { name: string; at: number[]; end: number[] }>();
  for (const run of runs) {
    const seen = new Map<string, number>();
    for (const phase of run) {
      const index = seen.get(phase.name) ?? 0;
      seen.set(phase.name, index + 1);
      const entry = byKey.get(key(phase, index)) ?? { name: index ? `${phase.name} (${index + 1})` : phase.name, at: [], end: [] };
      entry.at.push(phase.at);
      if (phase.end !== undefined) entry.end.push(phase.end);
      byKey.set(key(phase, index), entry);
    }
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  return [...byKey.values()]
    .filter((entry) => entry.at.length === runs.length)
    .map((entry) => ({ name: entry.name, at: median(entry.at), ...(entry.end.length === runs.length ? { end: median(entry.end) } : {}) }))
    .sort((a, b) => a.at - b.at);
}

export function formatTimeline(phases: Phase[]): string {
  return phases.map((p) => `${Math.round(p.at)}${p.end !== undefined ? `–${Math.round(p.end)}` : ''} ${p.name}`).join('; ');
}
