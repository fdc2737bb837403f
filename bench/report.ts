// Summarises measurements and prints them as a table.
import { summarize, type Summary } from './stats';
import type { Measurement, MetricResult } from './types';

export function toResult(measurement: Measurement): MetricResult {
  const gatehouse = measurement.gatehouse ? summarize(measurement.gatehouse) : null;
  const official = measurement.official ? summarize(measurement.official) : null;
  return {
    name: measurement.name,
    gatehouse: gatehouse ? round(gatehouse.median) : null,
    official: official ? round(official.median) : null,
    unit: measurement.unit,
    goal: measurement.goal,
    ratio: gatehouse && official && official.median !== 0 ? round(gatehouse.median / official.median, 3) : null,
    spread: { gatehouse: roundSummary(gatehouse), official: roundSummary(official) },
    ...(measurement.note ? { note: measurement.note } : {}),
  };
}

function roundSummary(summary: Summary | null): Summary | null {
  return summary && { median: round(summary.median), min: round(summary.min), max: round(summary.max), runs: summary.runs };
}

function round(value: number, digits = value >= 100 ? 0 : 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const figure = (value: number | null) => (value === null ? '–' : value.toLocaleString('en-US'));
const spread = (s: Summary | null) => (s ? (s.runs > 1 ? `${figure(round(s.min))}–${figure(round(s.max))} (n=${s.runs})` : `n=1`) : '–');

export function formatTable(results: MetricResult[]): string {
  const header = ['name', 'gatehouse', 'official', 'ratio', 'unit', 'goal', 'spread gatehouse', 'spread official'];
  const rows = results.map((r) => [
    r.name,
    figure(r.gatehouse),
    figure(r.official),
    r.ratio === null ? '–' : `${r.ratio}×`,
    r.unit,
    r.goal,
    spread(r.spread.gatehouse),
    spread(r.spread.official),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
