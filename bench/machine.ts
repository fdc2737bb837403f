// The machine the figures come from.
import { cpus, platform, release, totalmem, arch } from 'node:os';
import type { Browser } from '@playwright/test';
import type { Machine } from './types';

export function describeMachine(browser: Browser): Machine {
  const cores = cpus();
  return {
    os: `${platform()} ${release()} ${arch()}`,
    cpus: `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    chromium: browser.version(),
  };
}
