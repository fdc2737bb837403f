// The ready-made service worker ships only the GraphQL executor: the Stigg call
// semantics (documents, variables, mappers: core/stigg-calls) run on the page.
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function serviceWorkerModules(): Promise<string[]> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'error',
    mode: 'production',
    build: {
      write: false,
      target: 'es2022',
      lib: { entry: 'sw/sw.ts', formats: ['iife'], name: 'GatehouseServiceWorker', fileName: () => 'sw.js' },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
  const chunks = output.output.filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
  return chunks.flatMap((chunk) => Object.keys(chunk.modules)).map((id) => id.replace(/\0/g, '').replace(root, ''));
}

describe('the service worker bundle', () => {
  it('runs GraphQL operations but holds none of the call semantics', { timeout: 120_000 }, async () => {
    const modules = await serviceWorkerModules();
    expect(modules).toContain('engine/api/executor.ts');
    expect(modules.some((id) => id.includes('@urql/exchange-graphcache'))).toBe(true);
    expect(modules.filter((id) => id.startsWith('core/stigg-calls/') || /^engine\/api\/(documents|mappers|client)/.test(id))).toEqual([]);
  });
});
