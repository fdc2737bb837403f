// --data persistence: state survives a restart, and a SIGKILLed process leaves a readable file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { reportUsage, sdkOp } from './testing/client';

const usageOf = async (url: string) =>
  (await sdkOp(url, 'GetEntitlements', { query: { customerId: 'customer-demo-01' } })).data.entitlements.find((e: any) => e.feature.refId === 'feature-demo-03').currentUsage;

describe('persistence', () => {
  it('keeps state written with --data across a restart', async () => {
    const dataPath = join(mkdtempSync(join(tmpdir(), 'emu-')), 'state.json');
    const a = await startEmulator({ port: 0, dataPath });
    await reportUsage(a.url, { customerId: 'customer-demo-01', featureId: 'feature-demo-03', value: 1 });
    await a.close();
    const b = await startEmulator({ port: 0, dataPath });
    expect(await usageOf(b.url)).toBe(1);
    await b.close();
  });

  it('leaves a readable file when the CLI is killed', async () => {
    const dataPath = join(mkdtempSync(join(tmpdir(), 'emu-')), 'state.json');
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./cli.ts', import.meta.url).pathname, '--port', '0', '--data', dataPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          const m = /(http:\/\/\S+?:\d+)/.exec(d.toString());
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error('CLI exited early')));
      });
      await Promise.all([1, 2, 3].map(() => reportUsage(url, { customerId: 'customer-demo-01', featureId: 'feature-demo-03', value: 1 })));
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((r) => child.once('exit', r));
    const state = JSON.parse(readFileSync(dataPath, 'utf8'));
    expect(Object.values(state.usage).map((u: any) => u.value)).toEqual([3]);
    const c = await startEmulator({ port: 0, dataPath });
    expect(await usageOf(c.url)).toBe(3);
    await c.close();
  });
});
