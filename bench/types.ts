// What a metric module hands back to the runner, and what the runner writes.
import type { Browser } from '@playwright/test';
import type { Site } from './harness/site';
import type { Summary } from './stats';

/** One metric's raw samples per SDK; the runner summarises them. null = no figure. */
export interface Measurement {
  name: string;
  unit: string;
  goal: string;
  gatehouse: number[] | null;
  official: number[] | null;
  /** Anything worth reading next to the figure. */
  note?: string;
}

export interface BenchEnv {
  browser: Browser;
  site: Site;
  log(message: string): void;
}

export type MetricModule = (env: BenchEnv) => Promise<Measurement[]>;

export interface MetricResult {
  name: string;
  gatehouse: number | null;
  official: number | null;
  unit: string;
  goal: string;
  /** gatehouse / official where both exist and official is not 0 (the goals are phrased so: "≤ 0.1 × official"). */
  ratio: number | null;
  spread: { gatehouse: Summary | null; official: Summary | null };
  note?: string;
}

export interface Machine {
  os: string;
  cpus: string;
  memory: string;
  node: string;
  chromium: string;
}

export interface BenchResults {
  date: string;
  machine: Machine;
  durationSeconds: number;
  metrics: MetricResult[];
}
